import { POSTS, type Post, type StaffPost } from '../core/models';
import { en, zhCN } from '../i18n/dictionaries';
import { POST_LABELS } from './ic-labels';

/** Why a line of the staff CSV cannot be imported; `line` is the 1-based line of the file. */
export interface StaffImportProblem {
  line: number;
  reason: 'malformed' | 'unknownPost' | 'duplicate';
  /** The unknown post names, for reason `unknownPost`. */
  values?: string[];
}

export type StaffImportResult =
  | { ok: true; staff: StaffPost[] }
  | { ok: false; error: 'empty' | 'header' }
  | { ok: false; error: 'lines'; problems: StaffImportProblem[] };

const HEADERS = [
  ['工号', '姓名', '岗位'],
  ['personid', 'personname', 'posts'],
];

/** Post code, its Chinese label (as shown on the page) or its English label → the post. */
const POST_NAMES: ReadonlyMap<string, Post> = new Map(
  POSTS.flatMap((post) => [
    [post, post],
    [zhCN[POST_LABELS[post]], post],
    [en[POST_LABELS[post]].toLowerCase(), post],
  ]),
);

/** One CSV line into cells: commas separate, double quotes may wrap a cell ("" is a quote). */
function cells(line: string): string[] | null {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (quoted) return null;
  out.push(cell.trim());
  return out;
}

/**
 * Parses the staff-to-post CSV (UTF-8, optional BOM): header `工号,姓名,岗位` or
 * `personId,personName,posts`, then one person a line, posts separated by `;`, `；` or `、` and
 * given as codes (`payment_review`) or labels (`支付审核`). All or nothing: any malformed line,
 * unknown post or repeated 工号 makes the whole file refused, with the line numbers.
 */
export function parseStaffCsv(text: string): StaffImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const numbered = lines.map((content, i) => ({ line: i + 1, content })).filter((l) => l.content.trim() !== '');
  const [header, ...rows] = numbered;
  if (!header) return { ok: false, error: 'empty' };
  const names = cells(header.content)?.map((c) => c.toLowerCase());
  if (!names || !HEADERS.some((h) => h.length === names.length && h.every((n, i) => n === names[i]))) return { ok: false, error: 'header' };
  if (!rows.length) return { ok: false, error: 'empty' };

  const staff: StaffPost[] = [];
  const problems: StaffImportProblem[] = [];
  const seen = new Set<string>();
  for (const { line, content } of rows) {
    const row = cells(content);
    if (!row || row.length !== 3 || !row[0] || !row[1]) {
      problems.push({ line, reason: 'malformed' });
      continue;
    }
    const [personId, personName, postCell] = row as [string, string, string];
    const given = postCell
      .split(/[;；、]/)
      .map((p) => p.trim())
      .filter(Boolean);
    const unknown = given.filter((p) => !POST_NAMES.has(p) && !POST_NAMES.has(p.toLowerCase()));
    if (unknown.length) {
      problems.push({ line, reason: 'unknownPost', values: unknown });
      continue;
    }
    if (seen.has(personId)) {
      problems.push({ line, reason: 'duplicate' });
      continue;
    }
    seen.add(personId);
    const posts = [...new Set(given.map((p) => (POST_NAMES.get(p) ?? POST_NAMES.get(p.toLowerCase()))!))];
    staff.push({ personId, personName, posts });
  }
  return problems.length ? { ok: false, error: 'lines', problems } : { ok: true, staff };
}

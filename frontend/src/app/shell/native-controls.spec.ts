import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

// Issue 16 item 7: one kind of control. A plain browser select or date/month/time field looks and reads
// differently from the ng-zorro controls around it (and follows the browser's language, not the
// suite's): forms use nz-select and app-day-picker (shell/day-picker.ts) instead.
const APP = join(process.cwd(), 'src', 'app');
const NATIVE = /<select[\s>]|<input\b[^>]*\btype\s*=\s*["'](?:date|month|week|time|datetime-local)["']/gi;

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return templates(path);
    return /\.(html|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `file:line: match` of every native select or date-like input in the app's templates. */
function nativeControls(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(NATIVE)].map((m) => `${relative(APP, file)}:${text.slice(0, m.index).split('\n').length}: ${m[0].slice(0, 80)}`);
  });
}

describe('native form controls (issue 16 item 7)', () => {
  it('finds the app’s templates', () => {
    const files = templates(APP);
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith(join('shell', 'day-picker.ts')))).toBe(true);
  });

  it('recognises a native select and date, month and datetime-local inputs', () => {
    for (const sample of ['<select nz-input>', '<input nz-input type="date" />', "<input type='month'>", '<input\n  type="datetime-local"']) {
      expect([...sample.matchAll(NATIVE)]).toHaveLength(1);
    }
    for (const sample of ['<nz-select>', '<input nz-input type="text" />', '<app-day-picker />', '<nz-date-picker />']) {
      expect([...sample.matchAll(NATIVE)]).toHaveLength(0);
    }
  });

  it('uses no plain <select> or date-like <input> in any template (nz-select, app-day-picker instead)', () => {
    expect(nativeControls(templates(APP))).toEqual([]);
  });
});

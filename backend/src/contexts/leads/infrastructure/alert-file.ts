import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../kernel/errors.js';
import { checkZip } from '../../../platform/documents/zip-guard.js';
import { ALERT_COLUMNS, ALERT_IMPORT_MAX_ROWS } from '../domain/alert-import.js';

// The smart-monitoring alert file as uploaded (issue 17): an .xlsx (its first sheet, read as a stream
// — a workbook is a zip, and rows are taken one at a time up to the limit, never the whole sheet) or
// a .csv (UTF-8, with or without BOM; GB18030 — what Excel saves on a Chinese system — when the bytes
// are not UTF-8). The type is recognised by the first bytes and the name together, never by the name
// alone. Row 1 is the header; the rows come back keyed by header cell, at their index in the file
// (row n of the file is rows[n - 2]), for domain/alert-import.ts to check.

export interface AlertSheet { header: unknown[]; rows: Record<string, unknown>[] }

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const invalidType = () => DomainError.validation('alert_import_type', {
  zh: '请上传 Excel 工作簿（.xlsx）或 CSV 文件（.csv），可先下载导入模板', en: 'upload an Excel workbook (.xlsx) or a CSV file (.csv); the import template is a good start',
}, { field: 'file' });

const tooManyRows = () => DomainError.validation('alert_import_too_many_rows', {
  zh: `一个文件最多 ${ALERT_IMPORT_MAX_ROWS} 条预警，请拆分后分批导入`, en: `at most ${ALERT_IMPORT_MAX_ROWS} alerts a file: split the file and import the parts`,
}, { field: 'file', maxRows: ALERT_IMPORT_MAX_ROWS });

const unreadable = () => DomainError.validation('alert_import_unreadable', {
  zh: '文件无法读取（已损坏或不是有效的 Excel/CSV 文件）', en: 'the file cannot be read (damaged, or not a valid Excel/CSV file)',
}, { field: 'file' });

/**
 * What a workbook may expand to when unzipped. A 2,000-row alert file is a few MB unzipped; the bound
 * keeps a zip bomb within the upload limit from filling the API's memory (exceljs caches shared strings).
 */
export const ALERT_XLSX_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const tooLargeUnzipped = () => DomainError.validation('alert_import_too_large', {
  zh: `工作簿解压后超过 ${ALERT_XLSX_MAX_INFLATED_BYTES / 1024 / 1024} MB，无法导入：请只保留预警数据，或拆分后分批导入`,
  en: `the workbook expands to more than ${ALERT_XLSX_MAX_INFLATED_BYTES / 1024 / 1024} MB unzipped: keep only the alert data, or split the file`,
}, { field: 'file' });

/** Which reader a file needs, from its first bytes and name; null: neither. */
export function alertFileKind(filename: string, head: Buffer): 'xlsx' | 'csv' | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.xlsx')) return head.subarray(0, 4).equals(ZIP) ? 'xlsx' : null;
  // A CSV is text: no NUL byte, and not a zip or any other container renamed.
  if (name.endsWith('.csv')) return head.includes(0) || head.subarray(0, 4).equals(ZIP) ? null : 'csv';
  return null;
}

export async function readAlertFile(path: string, filename: string, head: Buffer): Promise<AlertSheet> {
  const kind = alertFileKind(filename, head);
  if (!kind) throw invalidType();
  return kind === 'xlsx' ? readXlsx(path) : parseAlertCsv(await readFile(path));
}

/** A cell as text: rich text joined, a formula's result, a date cell as YYYY-MM-DD (Excel's dates are UTC-based). */
export function cellText(v: ExcelJS.CellValue | undefined): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return v;
}

function keyed(header: unknown[], cells: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((h, i) => {
    const name = String(h ?? '').trim();
    if ((ALERT_COLUMNS as readonly string[]).includes(name)) row[name] = cells[i] ?? '';
  });
  return row;
}

async function readXlsx(path: string): Promise<AlertSheet> {
  const zip = checkZip(await readFile(path), ALERT_XLSX_MAX_INFLATED_BYTES);
  if (!zip.ok) throw zip.reason === 'too_large' ? tooLargeUnzipped() : unreadable();
  let header: unknown[] | null = null;
  const rows: Record<string, unknown>[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based (index 0 is empty).
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (row.number === 1) {
          header = cells;
          continue;
        }
        if (!header) header = [];
        if (row.number - 1 > ALERT_IMPORT_MAX_ROWS) {
          if (cells.some((c) => String(c).trim() !== '')) throw tooManyRows();
          continue;
        }
        while (rows.length < row.number - 2) rows.push({});
        rows.push(keyed(header, cells));
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unreadable();
  }
  return { header: header ?? [], rows };
}

/** Decodes a CSV file's bytes: UTF-8 (a BOM dropped), or GB18030 when they are not UTF-8. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields (doubled quotes inside, line breaks allowed), CRLF or LF. */
export function parseAlertCsv(bytes: Buffer): AlertSheet {
  const text = decode(bytes);
  const records: string[][] = [];
  // Records past the limit are not kept, but read to the end (like the .xlsx): a blank one is
  // skipped, any other is one alert too many — never a file cut off at the limit without a word.
  const keep = (r: string[]) => {
    if (records.length - 1 < ALERT_IMPORT_MAX_ROWS) records.push(r);
    else if (r.some((c) => c.trim() !== '')) throw tooManyRows();
  };
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      keep(record);
      field = '';
      record = [];
    } else field += ch;
  }
  if (field !== '' || record.length) { record.push(field); keep(record); }
  const [header = [], ...data] = records;
  const rows = data.map((cells) => keyed(header, cells));
  while (rows.length && Object.values(rows[rows.length - 1]!).every((c) => String(c).trim() === '')) rows.pop();
  if (rows.length > ALERT_IMPORT_MAX_ROWS) throw tooManyRows();
  return { header, rows };
}

/** The import template: the header row (the columns in order), widths, and a sheet of notes in both languages. */
export async function alertTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('智能监控预警');
  sheet.addRow([...ALERT_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => { c.width = [14, 24, 18, 20, 28, 16, 12, 40][i] ?? 16; });
  const notes = book.addWorksheet('填写说明 Notes');
  notes.addRows([
    ['列 Column', '说明', 'Notes'],
    ['规则编码', '必填；监控规则的编码（字母、数字、连字符）', 'required; the monitoring rule\'s code (letters, digits, hyphens)'],
    ['规则名称', '必填；不超过 200 字', 'required; at most 200 characters'],
    ['预警编号', '必填；同一规则编码下唯一，已导入过的预警不会重复登记', 'required; unique under its rule code — an alert already imported is not registered again'],
    ['机构编码', '必填；定点医药机构编码，须在本单位辖区内', 'required; the institution\'s code, within your unit\'s area'],
    ['机构名称', '必填；须与机构编码一致', 'required; must match the institution code'],
    ['就诊/结算日期', '必填；YYYY-MM-DD，不晚于今天', 'required; YYYY-MM-DD, not after today'],
    ['涉及金额', '选填；元，最多 2 位小数', 'optional; yuan, at most 2 decimals'],
    ['明细说明', '必填；不超过 2000 字', 'required; at most 2000 characters'],
    ['', `每个文件最多 ${ALERT_IMPORT_MAX_ROWS} 条；任何一行有误则整个文件不导入`, `at most ${ALERT_IMPORT_MAX_ROWS} rows a file; one bad row and nothing is imported`],
  ]);
  notes.getRow(1).font = { bold: true };
  notes.columns.forEach((c, i) => { c.width = [14, 50, 60][i] ?? 16; });
  return Buffer.from(await book.xlsx.writeBuffer());
}

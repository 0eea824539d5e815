import ExcelJS from 'exceljs';
import type { TestApp } from './app.js';
import type { TestUser } from './tokens.js';

// The issue 16 lists' test helpers: every id of a list under its parameters, page by page, and an
// Excel export read back row by row (row 1 the Chinese headers, row 2 the English ones).

/** A downloaded export: 200 with its rows, or the error's body. */
export async function downloadXlsx(t: TestApp, user: TestUser, path: string): Promise<{ status: number; type: string | null; rows: string[][]; body: any }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${await t.keys.token(user)}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, type: res.headers.get('content-type'), rows: [], body: JSON.parse(buf.toString()) };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return { status: res.status, type: res.headers.get('content-type'), rows, body: null };
}

/** One column of an export's data rows, by its English header. */
export function exportColumn(file: { rows: string[][] }, english: string): string[] {
  const index = file.rows[1]!.indexOf(english);
  expect(index).toBeGreaterThanOrEqual(0);
  return file.rows.slice(2).map((r) => r[index] ?? '');
}

/** All of a list's ids under the parameters, page by page. */
export async function allListIds(t: TestApp, user: TestUser, path: string, params: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await t.call(user, 'GET', `${path}?${params}&pageSize=500&page=${page}`);
    expect([res.status, res.body?.error]).toEqual([200, undefined]);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    if (ids.length >= res.body.total || !res.body.items.length) return ids;
  }
}

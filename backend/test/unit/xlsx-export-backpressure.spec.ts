// The streamed list export holds at most about a megabyte of sheet XML waiting for the compressor
// (issue 16 §2: 100,000 rows "without holding them in memory"). Before the wait in XlsxListExport.add,
// exceljs's sheet writer pushed every row into the zip entry's buffer regardless: 39 MB at 100,000 rows.
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { XLSX_BACKLOG_BYTES, XlsxListExport } from '../../src/platform/http/xlsx-export.js';

interface Row { n: number }

/** A client that reads slowly (each chunk a few milliseconds later) and keeps what it got. */
function slowClient(): { res: Response; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const client = Object.assign(new Writable({ write(chunk: Buffer, _e, cb) { chunks.push(chunk); setTimeout(cb, 2); } }), { setHeader: () => undefined });
  return { res: client as unknown as Response, bytes: () => Buffer.concat(chunks) };
}

/** The zip entry's buffer behind the sheet writer (what the export waits on). */
const backlog = (out: XlsxListExport<Row>) =>
  ((out as unknown as { sheet: { _stream: { pipes: { _writableState: { length: number } }[] } } }).sheet._stream.pipes[0]._writableState.length);

describe('XlsxListExport back-pressure', () => {
  it('never leaves more than the allowed backlog behind a batch, and writes every row', async () => {
    const { res, bytes } = slowClient();
    const out = new XlsxListExport<Row>(res, 'x.xlsx', 'rows', [
      { zh: '序号', en: 'No.', value: (r) => r.n },
      { zh: '机构', en: 'Institution', value: (r) => `南京玄武康宁医院-${r.n}-${'说明'.repeat(20)}` },
    ]);
    const batch = 1000;
    const highest: number[] = [];
    for (let start = 0; start < 30_000; start += batch) {
      await out.add(Array.from({ length: batch }, (_, i) => ({ n: start + i + 1 })));
      highest.push(backlog(out));
    }
    await out.finish();
    await new Promise((resolve) => (res as unknown as Writable).end(resolve));
    // One batch is ~150 KB of XML: after each add() the entry holds at most the limit.
    expect(Math.max(...highest)).toBeLessThanOrEqual(XLSX_BACKLOG_BYTES);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes() as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(30_000 + 2);
    expect(book.worksheets[0].getRow(30_002).getCell(1).value).toBe(30_000);
  }, 120_000);
});

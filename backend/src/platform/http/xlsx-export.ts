import ExcelJS from 'exceljs';
import type { Response } from 'express';

/**
 * A list's Excel export, streamed (issue 16 §2): rows are written to the response as they come
 * (the caller feeds batches from a cursor: platform/database/sql.ts forEachBatch), so a 100,000-row
 * export never holds more than a batch in memory.
 *
 * The convention of every list export: one sheet; row 1 the column headers in Chinese, row 2 the
 * same in English (a second header row rather than cell comments — the streaming writer writes no
 * comments, and a row can be read back by a program), data from row 3; dates as YYYY-MM-DD text,
 * amounts in yuan as numbers.
 */
export interface ExportColumn<Row> {
  zh: string;
  en: string;
  width?: number;
  value: (row: Row) => string | number | null;
}

/**
 * The most rows one export may hold, unless LIST_EXPORT_MAX_ROWS says otherwise: twice the largest
 * list issue 16 plans for (100,000 rows), well under Excel's 1,048,576 rows a sheet; beyond it the
 * export keeps a read transaction open for minutes, and a narrower filter is the better answer.
 */
export const DEFAULT_LIST_EXPORT_MAX_ROWS = 200_000;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class XlsxListExport<Row> {
  private book: ExcelJS.stream.xlsx.WorkbookWriter | null = null;
  private sheet: ExcelJS.Worksheet | null = null;
  rows = 0;

  constructor(
    private readonly res: Response,
    private readonly filename: string,
    private readonly sheetName: string,
    private readonly columns: readonly ExportColumn<Row>[],
  ) {}

  /** Starts the download (headers, the two header rows) on the first batch, so that a refusal before it is still an ordinary error response. */
  private start(): ExcelJS.Worksheet {
    if (this.sheet) return this.sheet;
    this.res.setHeader('content-type', XLSX_CONTENT_TYPE);
    this.res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(this.filename)}`);
    this.res.setHeader('cache-control', 'no-store');
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.res, useStyles: true, useSharedStrings: false });
    this.book.creator = '医保基金监管平台';
    this.book.created = new Date();
    const sheet = this.book.addWorksheet(this.sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.columns = this.columns.map((c) => ({ width: c.width ?? 16 }));
    const zh = sheet.addRow(this.columns.map((c) => c.zh));
    zh.font = { bold: true };
    zh.commit();
    const en = sheet.addRow(this.columns.map((c) => c.en));
    en.font = { italic: true, color: { argb: 'FF666666' } };
    en.commit();
    this.sheet = sheet;
    return sheet;
  }

  async add(batch: readonly Row[]): Promise<void> {
    // The client went away: stop reading (the cursor's transaction ends with the error).
    if (this.res.destroyed) throw new Error('export aborted: the client closed the connection');
    const sheet = this.start();
    for (const row of batch) {
      sheet.addRow(this.columns.map((c) => c.value(row))).commit();
    }
    this.rows += batch.length;
    // Back-pressure, twice. exceljs's sheet stream hands its XML to the zip entry's PassThrough
    // without heeding write()'s answer, so when the compressor is slower than the cursor the
    // uncompressed rows pile up there (39 MB at 100,000 rows, measured): wait until that entry's
    // buffer is under 1 MB. Then wait while the client reads what was written.
    await whileAbove(sheetBacklog(sheet), XLSX_BACKLOG_BYTES, this.res);
    if (this.res.writableNeedDrain) await drained(this.res);
  }

  async finish(): Promise<void> {
    const sheet = this.start();
    (sheet as unknown as { commit(): void }).commit();
    await this.book!.commit();
  }
}

/** How much uncompressed sheet XML may wait for the compressor before the export stops reading rows. */
export const XLSX_BACKLOG_BYTES = 1 << 20;

/** The writable side of a stream, as far as waiting for it goes (node's streams and readable-stream's). */
interface Backlog { _writableState?: { length?: number }; once(event: 'drain', cb: () => void): unknown; off(event: 'drain', cb: () => void): unknown }

/**
 * The stream that consumes exceljs's sheet writer (the zip entry it pipes into), or null when
 * exceljs's internals are not what this was written against (4.4: `_stream.pipes[0]`) — then the
 * export still works, only without this back-pressure (the memory benchmark would show it).
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): Backlog | null {
  const pipe = (sheet as unknown as { _stream?: { pipes?: unknown[] } })._stream?.pipes?.[0] as Backlog | undefined;
  return pipe && typeof pipe._writableState?.length === 'number' ? pipe : null;
}

/** Waits (on 'drain') while the stream holds more than `max` bytes, or until the response is gone. */
async function whileAbove(stream: Backlog | null, max: number, res: Response): Promise<void> {
  while (stream && (stream._writableState?.length ?? 0) > max && !res.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => { stream.off('drain', done); res.off('close', done); resolve(); };
      stream.once('drain', done);
      res.once('close', done);
    });
  }
}

function drained(res: Response): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** A date or timestamp as its China day (YYYY-MM-DD), or empty. */
export function chinaDay(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(new Date(value).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The export's row cap from the configuration. */
export const listExportMaxRows = (config: { listExportMaxRows?: number }) => config.listExportMaxRows ?? DEFAULT_LIST_EXPORT_MAX_ROWS;

/**
 * Runs an export query into a streamed workbook: `run` executes the query with the sink; a refusal
 * (a bad parameter, too many rows) before the first row is an ordinary error response.
 */
export async function streamListExport<Row>(
  res: Response, file: { filename: string; sheet: string; columns: readonly ExportColumn<Row>[] }, maxRows: number,
  run: (sink: { maxRows: number; batch: (rows: Row[]) => Promise<void> }) => Promise<unknown>,
): Promise<void> {
  const out = new XlsxListExport<Row>(res, file.filename, file.sheet, file.columns);
  await run({ maxRows, batch: (rows) => out.add(rows) });
  await out.finish();
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ALERT_COLUMNS, ALERT_IMPORT_MAX_ROWS, checkAlertRows } from '../../src/contexts/leads/domain/alert-import.js';
import { alertFileKind, alertTemplate, parseAlertCsv, readAlertFile } from '../../src/contexts/leads/infrastructure/alert-file.js';
import { DomainError } from '../../src/kernel/errors.js';

// The smart-monitoring alert file's reading (issue 17): .xlsx (streamed, first sheet) and .csv
// (UTF-8 or GB18030), the type by its first bytes and name, the row limit, the template.

const dir = mkdtempSync(join(tmpdir(), 'alert-file-'));
const ROW = ['R-0101', '同一患者同日多次住院', 'A-1', 'inst-320102-0001', '南京玄武康宁医院', '2026-11-20', '1234.5', '患者张某 11 月 20 日办理两次入院'];

async function xlsxFile(rows: unknown[][], name = 'alerts.xlsx'): Promise<{ path: string; head: Buffer }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('预警');
  rows.forEach((r) => sheet.addRow(r));
  const buf = Buffer.from(await book.xlsx.writeBuffer());
  const path = join(dir, name);
  writeFileSync(path, buf);
  return { path, head: buf.subarray(0, 16) };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'none', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));

describe('alert file', () => {
  it('reads an .xlsx: header by name, a date cell as YYYY-MM-DD, a number as a number, a gap row kept in place', async () => {
    const dated = [...ROW];
    (dated as unknown[])[5] = new Date(Date.UTC(2026, 10, 21));
    (dated as unknown[])[6] = 88.5;
    const { path, head } = await xlsxFile([[...ALERT_COLUMNS], ROW, [], dated]);
    const sheet = await readAlertFile(path, 'alerts.xlsx', head);
    expect(sheet.header).toEqual([...ALERT_COLUMNS]);
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.rows[2]).toMatchObject({ '就诊/结算日期': '2026-11-21', 涉及金额: 88.5, 机构编码: 'inst-320102-0001' });
    const checked = checkAlertRows(sheet.header, sheet.rows, '2026-12-07');
    expect(checked.errors.map((e) => e.code)).toEqual(['alert_duplicate_in_file']); // rows 2 and 4 are the same alert
    expect(checked.errors[0]!.row).toBe(4);
  });

  it('reads a UTF-8 CSV with BOM, quoted fields with commas, quotes and line breaks, CRLF', () => {
    const csv = `\uFEFF${ALERT_COLUMNS.join(',')}\r\nR-1,"规则,甲",A-1,inst-1,"医院""一""",2026-11-20,,"第一行\n第二行"\r\n`;
    const sheet = parseAlertCsv(Buffer.from(csv, 'utf8'));
    expect(sheet.header).toEqual([...ALERT_COLUMNS]);
    expect(sheet.rows).toEqual([{ 规则编码: 'R-1', 规则名称: '规则,甲', 预警编号: 'A-1', 机构编码: 'inst-1', 机构名称: '医院"一"', '就诊/结算日期': '2026-11-20', 涉及金额: '', 明细说明: '第一行\n第二行' }]);
  });

  it('reads a CSV that Excel saved in GB18030', () => {
    // "规则编码" … in GB18030 — built from the GBK bytes of 规则 (b9e6 d4f2) to stay independent of an encoder.
    const gbHeader = Buffer.from([0xb9, 0xe6, 0xd4, 0xf2]);
    const sheet = parseAlertCsv(Buffer.concat([gbHeader, Buffer.from(',x\r\n'), gbHeader, Buffer.from(',y\r\n')]));
    expect(sheet.header).toEqual(['规则', 'x']);
  });

  it('recognises the type by first bytes and name together', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(alertFileKind('a.XLSX', zip)).toBe('xlsx');
    expect(alertFileKind('a.xlsx', Buffer.from('%PDF-1.7'))).toBeNull();
    expect(alertFileKind('a.csv', Buffer.from('规则编码,'))).toBe('csv');
    expect(alertFileKind('a.csv', zip)).toBeNull();
    expect(alertFileKind('a.csv', Buffer.from([0x41, 0, 0x42]))).toBeNull();
    expect(alertFileKind('a.pdf', Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('refuses another type, a damaged workbook and more rows than the limit', async () => {
    const pdf = join(dir, 'x.pdf');
    writeFileSync(pdf, '%PDF-1.7');
    expect(await codeOf(readAlertFile(pdf, 'x.pdf', Buffer.from('%PDF-1.7')))).toBe('alert_import_type');
    const broken = join(dir, 'broken.xlsx');
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    writeFileSync(broken, bytes);
    expect(await codeOf(readAlertFile(broken, 'broken.xlsx', bytes.subarray(0, 16)))).toBe('alert_import_unreadable');
    const many = Array.from({ length: ALERT_IMPORT_MAX_ROWS + 1 }, (_, i) => ROW.map((c, j) => (j === 2 ? `A-${i}` : c)).join(','));
    expect(() => parseAlertCsv(Buffer.from([ALERT_COLUMNS.join(','), ...many].join('\n')))).toThrow(expect.objectContaining({ code: 'alert_import_too_many_rows' }));
    const { path, head } = await xlsxFile([[...ALERT_COLUMNS], ...Array.from({ length: ALERT_IMPORT_MAX_ROWS + 1 }, () => ROW)], 'many.xlsx');
    expect(await codeOf(readAlertFile(path, 'many.xlsx', head))).toBe('alert_import_too_many_rows');
    const exact = parseAlertCsv(Buffer.from([ALERT_COLUMNS.join(','), ...many.slice(1)].join('\n')));
    expect(exact.rows).toHaveLength(ALERT_IMPORT_MAX_ROWS);
  });

  it('a CSV with an alert past the limit behind a blank line is refused, not cut off at the limit; blank lines past it are fine', () => {
    const rows = Array.from({ length: ALERT_IMPORT_MAX_ROWS + 1 }, (_, i) => ROW.map((c, j) => (j === 2 ? `A-${i}` : c)).join(','));
    const lines = [ALERT_COLUMNS.join(','), ...rows.slice(0, ALERT_IMPORT_MAX_ROWS), ',,,,,,,', rows[ALERT_IMPORT_MAX_ROWS]!];
    expect(() => parseAlertCsv(Buffer.from(lines.join('\r\n')))).toThrow(expect.objectContaining({ code: 'alert_import_too_many_rows' }));
    const trailing = parseAlertCsv(Buffer.from([...lines.slice(0, -1), '', ',,,,,,,', ''].join('\r\n')));
    expect(trailing.rows).toHaveLength(ALERT_IMPORT_MAX_ROWS);
    expect(trailing.rows[ALERT_IMPORT_MAX_ROWS - 1]).toMatchObject({ 预警编号: `A-${ALERT_IMPORT_MAX_ROWS - 1}` });
  });

  it('the template is a workbook whose header is the columns, and reads back as a file with no alerts', async () => {
    const buf = await alertTemplate();
    const path = join(dir, 'template.xlsx');
    writeFileSync(path, buf);
    const sheet = await readAlertFile(path, '智能监控预警导入模板.xlsx', buf.subarray(0, 16));
    expect(sheet.header).toEqual([...ALERT_COLUMNS]);
    expect(checkAlertRows(sheet.header, sheet.rows, '2026-12-07').errors.map((e) => e.code)).toEqual(['alert_import_empty']);
  });
});

import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import { MEASURE_ZH, type MeasureKind } from '../../findings/index.js';
import type { ProvinceWorkbookData, ReportView } from '../application/queries.js';
import { headedTable, officialDocument } from '../../../platform/documents/page.js';
import {
  AUTO_AMOUNT_KEYS,
  AUTO_NUMBER_KEYS,
  FIELD_ZH,
  MANUAL_NUMBER_KEYS,
  monthZh,
  STANDING_ZH,
  STATUS_ZH,
  sumFigures,
  type AutoNumberKey,
  type ManualNumberKey,
} from '../domain/monthly-report.js';

const BOLD = { bold: true } as const;
const yuan = (n: number) => Number(n ?? 0).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const isAmount = (k: string) => (AUTO_AMOUNT_KEYS as readonly string[]).includes(k) || k === 'otherRecovered';
const fmt = (k: string, v: number) => (isAmount(k) ? yuan(v) : String(v ?? 0));
const measureName = (k: string) => MEASURE_ZH[k as MeasureKind] ?? k;
const chinaDateTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_TYPE = XLSX;

function standingOf(r: ReportView): string {
  if (r.status === 'submitted') return r.late ? '逾期报送' : '按时报送';
  return r.overdue ? '逾期未报' : STATUS_ZH[r.status];
}

/** The field rows of one report: 项目 / 数值 / key (for formatting). */
function fieldRows(r: Pick<ReportView, 'auto' | 'manual'>): [string, string | number, string][] {
  const rows: [string, string | number, string][] = [];
  for (const k of AUTO_NUMBER_KEYS) rows.push([FIELD_ZH[k], r.auto[k] ?? 0, k]);
  for (const [k, v] of Object.entries(r.auto.measures ?? {})) rows.push([`其中：${measureName(k)}（件）`, v, k]);
  for (const k of MANUAL_NUMBER_KEYS) rows.push([FIELD_ZH[k], r.manual[k] ?? 0, k]);
  rows.push([FIELD_ZH.remarks, r.manual.remarks ?? '', 'remarks']);
  return rows;
}

const DETAIL_HEADER = ['区县', '状态', '审签时间', ...AUTO_NUMBER_KEYS.map((k) => FIELD_ZH[k]), ...MANUAL_NUMBER_KEYS.map((k) => FIELD_ZH[k])];
function detailRow(name: string, r: ReportView | null, standing: string): (string | number)[] {
  const auto = AUTO_NUMBER_KEYS.map((k) => (r ? Number(r.auto[k] ?? 0) : 0));
  const manual = MANUAL_NUMBER_KEYS.map((k) => (r ? Number(r.manual[k] ?? 0) : 0));
  return [name, standing, r ? chinaDateTime(r.signedAt) : '', ...auto, ...manual];
}

function header(sheet: ExcelJS.Worksheet, names: string[], widths: number[] = []): void {
  sheet.columns = names.map((h, i) => ({ header: h, width: widths[i] ?? (i === 0 ? 24 : 14) }));
  sheet.getRow(1).font = BOLD;
}

/** A county report: one sheet; a city report: 市汇总 / 区县明细 / 通报排名. */
export async function reportWorkbook(r: ReportView, counties: Map<string, ReportView>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();
  if (r.level === 'county') {
    const sheet = book.addWorksheet('月报表');
    header(sheet, ['项目', '数值'], [30, 20]);
    sheet.addRow(['单位', `${r.cityName}${r.regionName}医疗保障局`]);
    sheet.addRow(['报告月份', monthZh(r.month)]);
    sheet.addRow(['状态', standingOf(r)]);
    sheet.addRow(['审签', r.signedBy ? `${r.signedBy}（${chinaDateTime(r.signedAt)}）` : '']);
    for (const [k, v] of fieldRows(r)) sheet.addRow([k, v]);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const c = r.compiled!;
  const summary = book.addWorksheet('市汇总');
  header(summary, ['项目', '数值'], [30, 20]);
  summary.addRow(['单位', `${c.cityName}医疗保障局`]);
  summary.addRow(['报告月份', monthZh(c.month)]);
  summary.addRow(['状态', STATUS_ZH[r.status]]);
  summary.addRow(['汇总', `${c.compiledBy}（市医保经办机构，${chinaDateTime(c.compiledAt)}）`]);
  summary.addRow(['备案', r.filedBy ? `${r.filedBy}（市医保局，${chinaDateTime(r.filedAt)}）` : '']);
  summary.addRow(['区县数', c.counties.length]);
  summary.addRow(['按时报送', c.onTime]);
  summary.addRow(['逾期报送', c.late]);
  summary.addRow(['未报', c.missing.length]);
  for (const [k, v] of fieldRows(r)) summary.addRow([k, v]);

  const detail = book.addWorksheet('区县明细');
  header(detail, DETAIL_HEADER);
  for (const k of c.counties) detail.addRow(detailRow(k.name, k.reportId && k.standing !== 'missing' ? (counties.get(k.reportId) ?? null) : null, STANDING_ZH[k.standing]));

  const ranking = book.addWorksheet('通报排名');
  header(ranking, ['排名', '区县', '报送情况', '检查家次', '认定追回金额（元）'], [8, 24, 14, 12, 20]);
  for (const k of c.counties) ranking.addRow([k.rank, k.name, STANDING_ZH[k.standing], k.inspections, k.recoveredAmount]);
  ranking.addRow([]);
  for (const line of c.bulletin.split('\n')) ranking.addRow(['', line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The province's workbook of a month: 省汇总 / 市 / 区县. */
export async function provinceWorkbook(d: ProvinceWorkbookData): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();
  const filed = d.counties.filter((r) => r.status === 'submitted');
  const auto = sumFigures(filed.map((r) => r.auto as unknown as Record<AutoNumberKey, number>), AUTO_NUMBER_KEYS);
  const manual = sumFigures(filed.map((r) => r.manual as unknown as Record<ManualNumberKey, number>), MANUAL_NUMBER_KEYS);

  const total = book.addWorksheet('省汇总');
  header(total, ['项目', '数值'], [30, 20]);
  const counties = d.cities.reduce((n, c) => n + c.counties, 0);
  total.addRow(['地区', d.regionName]);
  total.addRow(['报告月份', monthZh(d.month)]);
  total.addRow(['区县数', counties]);
  total.addRow(['已上报', filed.length]);
  total.addRow(['其中逾期报送', filed.filter((r) => r.late).length]);
  total.addRow(['未报', counties - filed.length]);
  for (const k of AUTO_NUMBER_KEYS) total.addRow([FIELD_ZH[k], auto[k]]);
  for (const k of MANUAL_NUMBER_KEYS) total.addRow([FIELD_ZH[k], manual[k]]);

  const cities = book.addWorksheet('市');
  header(cities, ['城市', '区县数', '已上报', '逾期报送', '未报', '逾期标记', '市经办机构已汇总', '市医保局已备案', ...AUTO_NUMBER_KEYS.map((k) => FIELD_ZH[k])]);
  for (const c of d.cities) {
    const rows = filed.filter((r) => r.cityCode === c.code);
    const sums = sumFigures(rows.map((r) => r.auto as unknown as Record<AutoNumberKey, number>), AUTO_NUMBER_KEYS);
    cities.addRow([c.name, c.counties, c.submitted, c.late, c.missing, c.overdue, c.compiled ? '是' : '否', c.filed ? '是' : '否', ...AUTO_NUMBER_KEYS.map((k) => sums[k])]);
  }

  const detail = book.addWorksheet('区县');
  header(detail, ['城市', ...DETAIL_HEADER]);
  for (const r of d.counties) detail.addRow([r.cityName, ...detailRow(r.regionName, r, standingOf(r))]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report as a PDF; for a city, its compilation and the bulletin (通报). */
@Injectable()
export class MonthlyReportPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(r: ReportView): Promise<Buffer> {
    return this.pdf.render(() => definition(r), 'monthly_report_pdf_font_missing');
  }
}

function definition(r: ReportView): object {
  const unit = r.level === 'county' ? `${r.cityName}${r.regionName}医疗保障局` : `${r.cityName}医疗保障局`;
  const title = r.level === 'county' ? `${monthZh(r.month)}医保基金监管月报表` : `${monthZh(r.month)}医保基金监管月报表（市汇总）`;
  const table = (widths: (number | string)[], head: string[], body: unknown[][]) => headedTable(widths, head, body, { fontSize: 9, margin: [0, 0, 0, 8] });
  const fields = table(['*', 120], ['项目', '数值'], fieldRows(r).map(([label, v, k]) => [label, typeof v === 'number' ? fmt(k, v) : v]));
  const content: unknown[] = [
    { text: title, style: 'title' },
    { text: `填报单位：${unit}　　状态：${r.level === 'county' ? standingOf(r) : STATUS_ZH[r.status]}`, style: 'meta' },
  ];
  if (r.level === 'county') {
    content.push(fields, {
      text: `填报：${r.submittedBy ?? '—'}　　分管局长审签：${r.signedBy ?? '—'}${r.signedAt ? `（${chinaDateTime(r.signedAt)}）` : ''}`, margin: [0, 8, 0, 0],
    });
  } else {
    const c = r.compiled!;
    content.push(
      { text: `汇总：${c.compiledBy}（市医保经办机构）　　备案：${r.filedBy ?? '—'}${r.filedAt ? `（市医保局，${chinaDateTime(r.filedAt)}）` : ''}`, style: 'meta' },
      { text: '一、汇总数据', style: 'heading' },
      fields,
      { text: '二、通报排名', style: 'heading' },
      table([30, '*', 60, 50, 90], ['排名', '区县', '报送情况', '检查家次', '追回金额（元）'],
        c.counties.map((k) => [String(k.rank), k.name, STANDING_ZH[k.standing], String(k.inspections), yuan(k.recoveredAmount)])),
      { text: '三、通报', style: 'heading', pageBreak: 'before' },
      ...c.bulletin.split('\n').map((line, i) => ({ text: line || ' ', ...(i === 0 ? { style: 'title' } : {}) })),
    );
  }
  return officialDocument({
    title,
    titleSize: 16,
    content,
  });
}

import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import type { CampaignDetail, CampaignProgress, ProgressRow } from '../application/queries.js';
import { KIND_ZH, LEVEL_ZH, OWNERSHIP_ZH, PHASE_ZH } from '../domain/campaign.js';
import { headedTable, heading, officialDocument } from '../../../platform/documents/page.js';

/** Spot-check figures of the campaign, by city (from the inspections of its spot-checks). */
export interface SpotCheckFigures {
  byCity: { cityCode: string; cityName: string; providers: number; drawn: number; sent: number; findings: number; findingAmount: number }[];
}

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '—');
const BOLD = { bold: true } as const;
const STATUS_ZH: Record<string, string> = { pending: '未填报', draft: '草稿', submitted: '已报送', missing: '未按期报送' };

/** The scope restriction in words (「二级及以上公立」), or 不限. */
function scopeZh(c: CampaignDetail): string {
  const parts = [c.minLevel ? `${LEVEL_ZH[c.minLevel]}${c.minLevel === 'tertiary' ? '' : '及以上'}` : '', c.ownership ? OWNERSHIP_ZH[c.ownership] : ''].filter(Boolean);
  return parts.length ? parts.join('') : '不限';
}

/** The pooling regions' reports and the agencies' verification, in a sentence. */
function agencySentence(c: CampaignDetail, t: ProgressRow): string {
  const a = c.agencyTasks;
  return `各统筹地区经办机构 ${a.total} 个，已报送本地区自查工作报告 ${a.submitted} 个（其中逾期 ${a.late} 个），未按期报送 ${a.missing} 个；`
    + `经办机构已核实机构自查报告 ${t.verified} 份、退回修改 ${t.returned} 份，核实退回资金 ${yuan(t.refundVerifiedAmount)} 元。`;
}

/** The province's campaign summary (专项治理工作总结) as a workbook: one sheet per part. */
export async function summaryWorkbook(c: CampaignDetail, p: CampaignProgress, s: SpotCheckFigures): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();

  const info = book.addWorksheet('基本情况');
  info.columns = [{ header: '事项', width: 22 }, { header: '内容', width: 80 }];
  info.getRow(1).font = BOLD;
  const cal = c.calendar;
  for (const row of [
    ['专项治理名称', c.title], ['年度', String(c.year)], ['治理重点', c.focusAreas.map((f) => f.text).join('；')],
    ['覆盖地区', c.cities.map((x) => x.name).join('、')], ['机构类型', c.institutionKinds.map((k) => KIND_ZH[k]).join('、')],
    ['机构范围', scopeZh(c)],
    ['方案备案', `${cal.planFiledBy} 前${c.planFiledLate ? '（逾期备案）' : ''}`], ['自查自纠', `${cal.selfInspectionStart} 至 ${cal.selfInspectionEnd}`],
    ['抽查复查', `${cal.spotCheckStart} 至 ${cal.spotCheckEnd}`], ['总结上报', `${cal.summaryDue} 前${c.summaryOverdue ? '（已逾期）' : ''}`],
    ['当前阶段', PHASE_ZH[c.phase]],
  ]) info.addRow(row);

  const header = ['地区/类型', '任务数', '已提交', '其中逾期', '未提交', '提交率', '主动退回金额（元）', '发现问题（个）', '问题金额（元）', '经办机构已核实', '退回修改', '核实退回资金（元）'];
  const progressSheet = (name: string, rows: ProgressRow[]) => {
    const sheet = book.addWorksheet(name);
    sheet.columns = header.map((h, i) => ({ header: h, width: i === 0 ? 24 : 16 }));
    sheet.getRow(1).font = BOLD;
    for (const r of [...rows, p.totals]) {
      sheet.addRow([r.name, r.tasks, r.submitted, r.late, r.tasks - r.submitted, pct(r.submitted, r.tasks), r.refundedAmount, r.issuesFound, r.issueAmount,
        r.verified, r.returned, r.refundVerifiedAmount]);
    }
  };
  progressSheet('自查自纠（按城市）', p.byCity);
  progressSheet('自查自纠（按机构类型）', p.byKind);

  const agencies = book.addWorksheet('统筹地区自查');
  agencies.columns = ['经办机构', '层级', '本地区自查报告', '报送时间', '负责机构', '机构已提交', '已核实', '退回修改', '核实退回资金（元）']
    .map((h, i) => ({ header: h, width: i === 0 ? 32 : 16 }));
  agencies.getRow(1).font = BOLD;
  for (const a of p.agencies) {
    agencies.addRow([a.name, a.level === 'city' ? '市级' : '县（区）级', `${STATUS_ZH[a.status] ?? a.status}${a.late ? '（逾期）' : ''}`,
      a.submittedAt ?? '', a.handled.tasks, a.handled.submitted, a.handled.verified, a.handled.returned, a.handled.refundVerifiedAmount]);
  }

  const spot = book.addWorksheet('抽查复查');
  spot.columns = ['城市', '在册机构', '抽取机构', '抽取比例', '已反馈检查结果', '发现问题（个）', '问题金额（元）'].map((h, i) => ({ header: h, width: i === 0 ? 20 : 16 }));
  spot.getRow(1).font = BOLD;
  for (const r of s.byCity) spot.addRow([r.cityName, r.providers, r.drawn, pct(r.drawn, r.providers), r.sent, r.findings, r.findingAmount]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same summary as a PDF document to file with the national level. */
@Injectable()
export class CampaignSummaryPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(c: CampaignDetail, p: CampaignProgress, s: SpotCheckFigures): Promise<Buffer> {
    return this.pdf.render(() => definition(c, p, s), 'campaign_pdf_font_missing');
  }
}

function definition(c: CampaignDetail, p: CampaignProgress, s: SpotCheckFigures): object {
  const title = `${c.title}工作总结`;
  const cal = c.calendar;
  const t = p.totals;
  const table = (widths: (number | string)[], header: string[], body: unknown[][]) => headedTable(widths, header, body, { fontSize: 9 });
  const progressBody = (rows: ProgressRow[]) => [...rows, t].map((r) => [
    r.name, String(r.tasks), String(r.submitted), String(r.late), String(r.tasks - r.submitted), pct(r.submitted, r.tasks), yuan(r.refundedAmount), String(r.issuesFound), yuan(r.issueAmount),
  ]);
  const progressHeader = ['地区/类型', '任务', '已提交', '逾期', '未提交', '提交率', '退回金额（元）', '问题', '问题金额（元）'];
  const widths = ['*', 30, 34, 30, 34, 38, 64, 28, 64];
  const drawn = s.byCity.reduce((n, r) => n + r.drawn, 0);
  const providers = s.byCity.reduce((n, r) => n + r.providers, 0);
  const findings = s.byCity.reduce((n, r) => n + r.findings, 0);
  const findingAmount = s.byCity.reduce((n, r) => n + r.findingAmount, 0);
  return officialDocument({
    title,
    content: [
      { text: title, style: 'title' },
      { text: `${c.year} 年度　当前阶段：${PHASE_ZH[c.phase]}　报国家医疗保障局`, style: 'meta' },
      heading('一、基本情况'),
      {
        text: `按照专项治理工作方案，本省确定治理重点为：${c.focusAreas.map((f) => f.text).join('；')}。覆盖${c.cities.map((x) => x.name).join('、')}`
          + `的${c.institutionKinds.map((k) => KIND_ZH[k]).join('、')}${c.ownership || c.minLevel ? `（${scopeZh(c)}）` : ''}。方案于 ${cal.planFiledBy} 前报国家医疗保障局备案${c.planFiledLate ? '（逾期备案）' : ''}；`
          + `自查自纠 ${cal.selfInspectionStart} 至 ${cal.selfInspectionEnd}；抽查复查 ${cal.spotCheckStart} 至 ${cal.spotCheckEnd}。`,
      },
      heading('二、自查自纠情况'),
      {
        text: `共部署自查任务 ${t.tasks} 家，已提交自查报告 ${t.submitted} 家（提交率 ${pct(t.submitted, t.tasks)}，其中逾期提交 ${t.late} 家），`
          + `未提交 ${t.tasks - t.submitted} 家；定点医药机构主动退回金额 ${yuan(t.refundedAmount)} 元，自查发现问题 ${t.issuesFound} 个、涉及金额 ${yuan(t.issueAmount)} 元。`
          + agencySentence(c, t),
        margin: [0, 0, 0, 6],
      },
      table(widths, progressHeader, progressBody(p.byCity)),
      { text: ' ' },
      table(widths, progressHeader, progressBody(p.byKind)),
      heading('三、抽查复查情况'),
      s.byCity.length
        ? {
          stack: [
            { text: `省级抽查在册机构 ${providers} 家，抽取 ${drawn} 家（${pct(drawn, providers)}），已反馈检查结果并发现问题 ${findings} 个、涉及金额 ${yuan(findingAmount)} 元。`, margin: [0, 0, 0, 6] },
            table(['*', 56, 56, 56, 64, 48, 72], ['城市', '在册机构', '抽取', '比例', '已反馈', '问题', '金额（元）'],
              s.byCity.map((r) => [r.cityName, String(r.providers), String(r.drawn), pct(r.drawn, r.providers), String(r.sent), String(r.findings), yuan(r.findingAmount)])),
          ],
        }
        : { text: '本专项治理尚未开展省级抽查。', color: '#666666' },
      heading('四、下一步工作'),
      { text: c.summaryComment ?? '（由省级医保部门在报送时补充。）', color: c.summaryComment ? '#000000' : '#666666' },
    ],
  });
}

import ExcelJS from 'exceljs';
import { METRIC_KEYS, METRIC_ZH } from '../domain/metrics.js';
import type { Dashboard } from '../application/queries.js';

const BOLD = { bold: true } as const;
const LEVEL_ZH: Record<string, string> = { province: '省', city: '市', county: '县（区）', institution: '机构' };
const KIND_ZH: Record<string, string> = { hospital: '医院', pharmacy: '药店', clinic: '诊所' };
const RULE_ZH: Record<string, string> = {
  full_coverage: '定点医药机构年内现场检查全覆盖', pharmacy_monthly: '定点药店每月核查不少于 10%', clinic_monthly: '定点诊所（门诊）每月核查不少于 10%',
  pharmacy_yearly: '定点药店每年至少核查一遍', clinic_yearly: '定点诊所（门诊）每年至少核查一遍', key_twice: '重点监管单位每年至少两次全面检查',
  high_credit_full: '信用等级较高医院每年至少一次全面检查',
};
const STATE_ZH: Record<string, string> = { met: '达标', not_met: '未达标', in_progress: '进行中' };

/** The dashboard's tables as a workbook: totals (with last year), the children, the months, coverage and its rules. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();
  const keys = [...METRIC_KEYS, 'overdue'];

  const totals = book.addWorksheet('总览');
  totals.columns = [{ header: '指标', width: 26 }, { header: `本期（${d.period.key}）`, width: 18 }, { header: `上年同期（${d.compare.key}）`, width: 18 }, { header: '指标代码', width: 30 }];
  totals.getRow(1).font = BOLD;
  totals.addRow([`${d.region.name}（${d.period.from} 至 ${d.period.to}）`]);
  for (const k of keys) totals.addRow([METRIC_ZH[k] ?? k, d.totals[k] ?? 0, d.totalsLastYear[k] ?? 0, k]);

  const children = book.addWorksheet(`下级（${LEVEL_ZH[d.childLevel] ?? d.childLevel}）`);
  children.columns = [
    { header: '代码', width: 18 }, { header: '名称', width: 28 }, { header: '在册机构', width: 10 }, { header: '已检查机构', width: 10 }, { header: '检查覆盖率', width: 10 },
    ...keys.map((k) => ({ header: METRIC_ZH[k] ?? k, width: 14 })),
  ];
  children.getRow(1).font = BOLD;
  for (const c of d.children) {
    children.addRow([c.code, c.name, c.coverage.institutions, c.coverage.inspected, c.coverage.ratio, ...keys.map((k) => c.metrics[k] ?? 0)]);
  }
  children.addRow(['合计', d.region.name, d.coverage.institutions, d.coverage.inspected, d.coverage.ratio, ...keys.map((k) => d.totals[k] ?? 0)]).font = BOLD;

  const months = book.addWorksheet('月度');
  months.columns = ['月份', '发现问题', '问题金额（元）', '认定追回金额（元）', '检查（已送达）', '上年同月问题', '上年同月检查', '药店诊所月度检查比例']
    .map((h, i) => ({ header: h, width: i === 0 ? 12 : 16 }));
  months.getRow(1).font = BOLD;
  for (const m of d.byMonth) {
    const pc = d.coverage.monthly.find((x) => x.month === m.month)?.pharmacyClinicRatio ?? 0;
    months.addRow([m.month, m.findings, m.findingAmount, m.recoveredAmount, m.inspections, m.lastYearFindings, m.lastYearInspections, pc]);
  }

  const cov = book.addWorksheet('检查覆盖');
  cov.columns = ['机构类型', '在册机构', '已检查机构', '覆盖率'].map((h) => ({ header: h, width: 16 }));
  cov.getRow(1).font = BOLD;
  for (const k of d.coverage.byKind) cov.addRow([KIND_ZH[k.kind] ?? k.kind, k.institutions, k.inspected, k.ratio]);
  cov.addRow(['合计', d.coverage.institutions, d.coverage.inspected, d.coverage.ratio]).font = BOLD;
  cov.addRow([]);
  cov.addRow(['重点监管机构', d.coverage.keySupervision.institutions, '检查两次及以上', d.coverage.keySupervision.inspectedTwice]);

  // Each rule against its own basis (§2.1), then the province's sample per city.
  const rules = book.addWorksheet('覆盖规则');
  rules.columns = ['规则', '依据', '基数', '应达', '已完成', '单位', '统计区间', '结果'].map((h, i) => ({ header: h, width: i === 0 ? 30 : 14 }));
  rules.getRow(1).font = BOLD;
  for (const r of d.coverage.rules) {
    rules.addRow([RULE_ZH[r.rule] ?? r.rule, r.source, r.basis, r.required, r.done, r.unit === 'months' ? '月' : '家', `${r.judged.from} 至 ${r.judged.to}`, STATE_ZH[r.state]]);
  }
  if (d.coverage.provinceSample.length) {
    rules.addRow([]);
    rules.addRow(['省级抽查比例（不低于 10%）', '依据', '机构数', '应抽', '已抽', '', '统计区间', '结果']).font = BOLD;
    for (const r of d.coverage.provinceSample) {
      rules.addRow([r.cityName, r.source, r.basis, r.required, r.done, '家', `${r.judged.from} 至 ${r.judged.to}`, STATE_ZH[r.state]]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

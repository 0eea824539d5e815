import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { PlanSummary } from '../application/queries.js';

// The columns of the plans lists' Excel export (the 方案台账; platform/http/xlsx-export.ts: Chinese
// headers, English in the second row).

const PLAN_STATUS_ZH: Record<string, string> = {
  not_started: '未编制', draft: '编制中', submitted: '已报送', forwarded: '已汇总上报', returned: '已退回', filed: '已备案', closed: '年度已结束',
};
const LEVEL_ZH: Record<string, string> = { city: '市级', county: '县级' };

export const PLAN_EXPORT_COLUMNS: readonly ExportColumn<PlanSummary>[] = [
  { zh: '编制单位', en: 'Unit', width: 32, value: (p) => p.unitName },
  { zh: '单位编码', en: 'Unit code', width: 20, value: (p) => p.unitId },
  { zh: '所属地区', en: 'Region', width: 14, value: (p) => p.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (p) => p.regionCode },
  { zh: '层级', en: 'Level', width: 8, value: (p) => LEVEL_ZH[p.level] ?? p.level },
  { zh: '年度', en: 'Year', width: 8, value: (p) => p.year },
  { zh: '状态', en: 'Status', width: 12, value: (p) => PLAN_STATUS_ZH[p.status] ?? p.status },
  { zh: '逾期', en: 'Overdue', width: 8, value: (p) => (p.overdue ? '是' : '否') },
  { zh: '报送日期', en: 'Submitted on', width: 12, value: (p) => chinaDay(p.submittedAt) },
  { zh: '汇总上报日期', en: 'Forwarded on', width: 12, value: (p) => chinaDay(p.forwardedAt) },
  { zh: '备案日期', en: 'Filed on', width: 12, value: (p) => chinaDay(p.filedAt) },
  { zh: '截至本月计划数', en: 'Planned to date', width: 14, value: (p) => p.plannedToDate },
  { zh: '截至本月完成数', en: 'Done to date', width: 14, value: (p) => p.doneToDate },
  { zh: '方案编号', en: 'Plan id', width: 38, value: (p) => p.id },
];

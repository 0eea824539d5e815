import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { ReportSummary } from '../application/queries.js';

// The columns of the monthly reports' list export (platform/http/xlsx-export.ts: Chinese headers,
// English in the second row).

const STATUS_ZH: Record<string, string> = {
  draft: '草稿', awaiting_signoff: '待审签', submitted: '已上报', compiled: '已汇总待备案', filed: '已备案', returned: '汇总被退回',
};

export const REPORT_EXPORT_COLUMNS: readonly ExportColumn<ReportSummary>[] = [
  { zh: '月份', en: 'Month', width: 10, value: (r) => r.month },
  { zh: '地区', en: 'Region', width: 14, value: (r) => r.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (r) => r.regionCode },
  { zh: '所属城市', en: 'City', width: 12, value: (r) => r.cityName },
  { zh: '级别', en: 'Level', width: 8, value: (r) => (r.level === 'city' ? '市汇总' : '区县') },
  { zh: '填报单位', en: 'Reporting unit', width: 28, value: (r) => r.ownerOrgName },
  { zh: '单位编码', en: 'Unit code', width: 18, value: (r) => r.ownerOrgId },
  { zh: '状态', en: 'Status', width: 10, value: (r) => STATUS_ZH[r.status] ?? r.status },
  { zh: '逾期报送', en: 'Late', width: 8, value: (r) => (r.late ? '是' : '否') },
  { zh: '报送期限', en: 'Due', width: 12, value: (r) => chinaDay(r.dueAt) },
  { zh: '提交日期', en: 'Submitted on', width: 12, value: (r) => chinaDay(r.submittedAt) },
  { zh: '提交人', en: 'Submitted by', width: 10, value: (r) => r.submittedBy },
  { zh: '审签日期', en: 'Signed on', width: 12, value: (r) => chinaDay(r.signedAt) },
  { zh: '审签人', en: 'Signed by', width: 10, value: (r) => r.signedBy },
  { zh: '检查家次', en: 'Inspections', width: 10, value: (r) => r.inspections },
  { zh: '发现问题（个）', en: 'Findings', width: 10, value: (r) => r.findings },
  { zh: '认定追回金额（元）', en: 'Recovered, confirmed (yuan)', width: 16, value: (r) => r.recoveredAmount },
  { zh: '实际追回金额（元）', en: 'Actually recovered (yuan)', width: 16, value: (r) => r.actualRecoveredAmount },
  { zh: '月报表编号', en: 'Report id', width: 38, value: (r) => r.id },
];

import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { DisputeView } from '../application/queries.js';

// The columns of the disputes' Excel export (platform/http/xlsx-export.ts: Chinese headers, English in the second row).

const STATUS_ZH: Record<string, string> = { open: '待决定', decided: '已决定', final: '终局', withdrawn: '已撤回', closed: '已结束' };
const LEVEL_ZH: Record<string, string> = { county: '县级', city: '市级', province: '省级' };
const PARTY_ZH: Record<string, string> = { institution: '定点医药机构', clinician: '医务人员' };
const OUTCOME_ZH: Record<string, string> = { upheld: '维持', revised: '变更' };

export const DISPUTE_EXPORT_COLUMNS: readonly ExportColumn<DisputeView>[] = [
  { zh: '机构名称', en: 'Institution', width: 32, value: (d) => d.institution.name },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (d) => d.institution.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (d) => d.institution.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (d) => d.institution.regionCode },
  { zh: '申请人', en: 'Party', width: 14, value: (d) => (d.clinicianName ? `${PARTY_ZH[d.party] ?? d.party}（${d.clinicianName}）` : PARTY_ZH[d.party] ?? d.party) },
  { zh: '当前层级', en: 'Level', width: 10, value: (d) => LEVEL_ZH[d.currentLevel] ?? d.currentLevel },
  { zh: '受理部门', en: 'Bureau', width: 24, value: (d) => d.path[d.current]?.bureauName ?? '' },
  { zh: '状态', en: 'Status', width: 10, value: (d) => STATUS_ZH[d.status] ?? d.status },
  { zh: '结果', en: 'Outcome', width: 10, value: (d) => (d.outcome ? OUTCOME_ZH[d.outcome] ?? d.outcome : '') },
  { zh: '决定期限', en: 'Decide by', width: 12, value: (d) => d.path[d.current]?.dueDate ?? '' },
  { zh: '申请上级期限', en: 'Escalate by', width: 12, value: (d) => d.escalationDue ?? '' },
  { zh: '申请日期', en: 'Filed on', width: 12, value: (d) => chinaDay(d.filedAt) },
  { zh: '结束日期', en: 'Ended on', width: 12, value: (d) => chinaDay(d.endedAt) },
  { zh: '申请理由', en: 'Reasons', width: 40, value: (d) => d.reasons },
  { zh: '争议编号', en: 'Dispute id', width: 38, value: (d) => d.id },
];

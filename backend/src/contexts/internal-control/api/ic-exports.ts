import type { ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { AuditSummary } from '../application/queries.js';

// The columns of the internal-control audits' Excel export (the 内控检查台账; platform/http/xlsx-export.ts:
// Chinese headers, English in the second row).

const AUDIT_STATUS_ZH: Record<string, string> = {
  scheduled: '通知', self_assessment: '自评', fieldwork: '现场检查', rectification: '整改', verification: '验收', closed: '已结束',
};
const LEVEL_ZH: Record<string, string> = { province: '省级', city: '市级', county: '县级' };

export const AUDIT_EXPORT_COLUMNS: readonly ExportColumn<AuditSummary>[] = [
  { zh: '经办机构', en: 'Agency', width: 32, value: (a) => a.agency.name },
  { zh: '机构编码', en: 'Agency code', width: 20, value: (a) => a.agency.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (a) => a.agency.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (a) => a.agency.regionCode },
  { zh: '层级', en: 'Level', width: 8, value: (a) => LEVEL_ZH[a.agency.level] ?? a.agency.level },
  { zh: '复查', en: 'Follow-up', width: 8, value: (a) => (a.followUpOf ? '是' : '否') },
  { zh: '阶段', en: 'Status', width: 10, value: (a) => AUDIT_STATUS_ZH[a.status] ?? a.status },
  { zh: '通知日期', en: 'Notice date', width: 12, value: (a) => a.noticeDate },
  { zh: '自评截止', en: 'Self-assessment due', width: 12, value: (a) => a.selfAssessmentDue },
  { zh: '自评逾期', en: 'Self-assessment overdue', width: 10, value: (a) => (a.selfAssessmentOverdue ? '是' : '否') },
  { zh: '现场检查开始', en: 'Fieldwork start', width: 12, value: (a) => a.fieldworkStart },
  { zh: '现场检查结束', en: 'Fieldwork end', width: 12, value: (a) => a.fieldworkEnd },
  { zh: '检查组', en: 'Team', width: 30, value: (a) => a.team.map((m) => m.name).join('、') },
  { zh: '问题数', en: 'Findings', width: 8, value: (a) => a.findings.total },
  { zh: '未整改问题', en: 'Open findings', width: 10, value: (a) => a.findings.open },
  { zh: '整改逾期', en: 'Overdue findings', width: 10, value: (a) => a.findings.overdue },
  { zh: '检查编号', en: 'Audit id', width: 38, value: (a) => a.id },
];

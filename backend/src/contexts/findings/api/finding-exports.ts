import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { DecisionView, FindingView } from '../application/queries.js';

// The columns of the findings' and decisions' Excel exports (platform/http/xlsx-export.ts: Chinese
// headers, English in the second row).

const FINDING_STATUS_ZH: Record<string, string> = {
  awaiting_confirmation: '待确认', confirmed: '已确认', deemed_confirmed: '视同确认', appealed: '申诉中', appeal_upheld: '申诉成立', decided: '已处理',
};
const DECISION_STATUS_ZH: Record<string, string> = {
  pending_legal_review: '待复核', effective: '已生效', rectifying: '整改中', rectification_submitted: '整改待确认', closed: '已办结',
};
const SOURCE_ZH: Record<string, string> = { spot_check: '抽查', agency_inspection: '经办机构检查' };
const MEASURE_ZH: Record<string, string> = {
  talk: '约谈', refuse_payment: '拒付', suspend_settlement: '暂停结算、限期整改', terminate_agreement: '终止服务协议',
  clinician_admonition: '医务人员诫勉谈话', clinician_talk: '医务人员约谈', clinician_suspend_realtime: '暂停医务人员实时结算', clinician_refuse_payment: '拒付医务人员相关费用',
};
const DISPUTE_STATUS_ZH: Record<string, string> = { open: '待决定', decided: '已决定', final: '终局', withdrawn: '已撤回', closed: '已结束' };

export const FINDING_EXPORT_COLUMNS: readonly ExportColumn<FindingView>[] = [
  { zh: '机构名称', en: 'Institution', width: 32, value: (f) => f.institution.name },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (f) => f.institution.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (f) => f.institution.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (f) => f.institution.regionCode },
  { zh: '问题类型', en: 'Type', width: 24, value: (f) => f.type },
  { zh: '问题描述', en: 'Description', width: 40, value: (f) => f.description },
  { zh: '涉及金额（元）', en: 'Amount (yuan)', width: 14, value: (f) => f.amount },
  { zh: '医务人员', en: 'Clinician', width: 12, value: (f) => f.clinicianName },
  { zh: '状态', en: 'Status', width: 12, value: (f) => FINDING_STATUS_ZH[f.status] ?? f.status },
  { zh: '确认期限', en: 'Confirm by', width: 12, value: (f) => f.confirmationDue },
  { zh: '确认时间', en: 'Confirmed on', width: 12, value: (f) => chinaDay(f.confirmedAt) },
  { zh: '来源', en: 'Source', width: 12, value: (f) => SOURCE_ZH[f.source] ?? f.source },
  { zh: '发现日期', en: 'Raised on', width: 12, value: (f) => chinaDay(f.createdAt) },
  { zh: '问题编号', en: 'Finding id', width: 38, value: (f) => f.id },
];

const measureText = (d: DecisionView) => d.measures.map((m) => {
  const name = MEASURE_ZH[m.kind] ?? m.kind;
  return 'amount' in m ? `${name} ${m.amount} 元` : name;
}).join('；');
const refused = (d: DecisionView) => d.measures.reduce((s, m) => s + ('amount' in m ? Number(m.amount) : 0), 0);

export const DECISION_EXPORT_COLUMNS: readonly ExportColumn<DecisionView>[] = [
  { zh: '机构名称', en: 'Institution', width: 32, value: (d) => d.institution.name },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (d) => d.institution.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (d) => d.institution.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (d) => d.institution.regionCode },
  { zh: '处理措施', en: 'Measures', width: 40, value: measureText },
  { zh: '拒付金额（元）', en: 'Refused (yuan)', width: 14, value: refused },
  { zh: '重大决定', en: 'Major', width: 8, value: (d) => (d.major ? '是' : '否') },
  { zh: '状态', en: 'Status', width: 12, value: (d) => DECISION_STATUS_ZH[d.status] ?? d.status },
  { zh: '争议', en: 'Dispute', width: 10, value: (d) => (d.dispute ? DISPUTE_STATUS_ZH[d.dispute.status] ?? d.dispute.status : '') },
  { zh: '问题数', en: 'Findings', width: 8, value: (d) => d.findingIds.length },
  { zh: '生效日期', en: 'Effective on', width: 12, value: (d) => chinaDay(d.effectiveAt) },
  { zh: '决定日期', en: 'Decided on', width: 12, value: (d) => chinaDay(d.createdAt) },
  { zh: '决定编号', en: 'Decision id', width: 38, value: (d) => d.id },
];

import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { LeadView } from '../application/queries.js';
import { LEAD_RESULT_ZH, LEAD_STATUS_ZH } from '../domain/lead.js';
import { LEAD_SOURCE_ZH } from '../domain/time-limits.js';

// The ledger's Excel export in the usual 台账 columns (platform/http/xlsx-export.ts: Chinese headers, English in the second row).

const amount = (v: string | null) => (v === null ? null : Number(v));

export const LEAD_EXPORT_COLUMNS: readonly ExportColumn<LeadView & { seq: number }>[] = [
  { zh: '序号', en: 'No.', width: 8, value: (l) => l.seq },
  { zh: '台账编号', en: 'Ledger no.', width: 10, value: (l) => l.ledgerNo },
  { zh: '线索来源', en: 'Source', width: 14, value: (l) => LEAD_SOURCE_ZH[l.source] ?? l.source },
  { zh: '来源文号/编号', en: 'Source reference', width: 20, value: (l) => l.sourceRef ?? '' },
  { zh: '登记日期', en: 'Registered on', width: 12, value: (l) => chinaDay(l.registeredAt) },
  { zh: '登记单位', en: 'Registered by', width: 24, value: (l) => l.registeredBy.name },
  { zh: '被举报/涉及机构', en: 'Institution', width: 30, value: (l) => l.institution?.name ?? '' },
  { zh: '所属地区', en: 'Region', width: 14, value: (l) => l.region.name },
  { zh: '主要问题', en: 'Subject', width: 40, value: (l) => l.subject },
  { zh: '交办单位', en: 'Assigned by', width: 24, value: (l) => l.assignedBy?.name ?? '' },
  { zh: '承办单位', en: 'Holder', width: 24, value: (l) => l.holder.name },
  { zh: '办理期限', en: 'Due', width: 12, value: (l) => l.dueDate ?? '' },
  { zh: '是否逾期', en: 'Overdue', width: 8, value: (l) => (l.overdue ? '是' : '否') },
  { zh: '办理状态', en: 'Status', width: 14, value: (l) => LEAD_STATUS_ZH[l.status] ?? l.status },
  { zh: '办理结果', en: 'Result', width: 14, value: (l) => (l.result ? LEAD_RESULT_ZH[l.result] : '') },
  { zh: '涉及金额（元）', en: 'Amount involved (yuan)', width: 14, value: (l) => amount(l.amountInvolved) },
  { zh: '认定金额（元）', en: 'Confirmed amount (yuan)', width: 14, value: (l) => amount(l.confirmedAmount) },
  { zh: '办结日期', en: 'Closed on', width: 12, value: (l) => chinaDay(l.closedAt) },
  { zh: '审核认可日期', en: 'Accepted on', width: 12, value: (l) => chinaDay(l.acceptedAt) },
  { zh: '线索编号', en: 'Lead id', width: 38, value: (l) => l.id },
];

import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { TransferView } from '../application/queries.js';
import { TRANSFER_STATUS_ZH } from '../domain/transfer.js';

// The transfers' Excel export in the 台账 columns (platform/http/xlsx-export.ts).

const SOURCE_ZH = { finding: '问题认定', decision: '处理决定', lead: '线索' } as const;

export const TRANSFER_EXPORT_COLUMNS: readonly ExportColumn<TransferView & { seq: number }>[] = [
  { zh: '序号', en: 'No.', width: 8, value: (t) => t.seq },
  { zh: '移交编号', en: 'Transfer no.', width: 10, value: (t) => t.transferNo },
  { zh: '移交日期', en: 'Sent on', width: 12, value: (t) => chinaDay(t.sentAt) },
  { zh: '移交单位', en: 'Agency', width: 24, value: (t) => t.agency.name },
  { zh: '接收单位', en: 'Bureau', width: 24, value: (t) => t.bureau.name },
  { zh: '来源', en: 'Source', width: 10, value: (t) => SOURCE_ZH[t.sourceKind] ?? t.sourceKind },
  { zh: '涉及机构', en: 'Institution', width: 30, value: (t) => t.institution.name },
  { zh: '所属地区', en: 'Region', width: 14, value: (t) => t.region.name },
  { zh: '案由', en: 'Subject', width: 40, value: (t) => t.subject },
  { zh: '涉案金额（元）', en: 'Amount involved (yuan)', width: 14, value: (t) => (t.amountInvolved === null ? null : Number(t.amountInvolved)) },
  { zh: '办理状态', en: 'Status', width: 14, value: (t) => TRANSFER_STATUS_ZH[t.status] ?? t.status },
  { zh: '补充期限', en: 'Supplement due', width: 12, value: (t) => t.supplementDueDate ?? '' },
  { zh: '办理日期', en: 'Decided on', width: 12, value: (t) => chinaDay(t.decidedAt) },
  { zh: '移交编号（系统）', en: 'Transfer id', width: 38, value: (t) => t.id },
];

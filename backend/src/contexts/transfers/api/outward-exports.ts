import type { ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { OutwardTransferView } from '../application/outward-queries.js';
import { RECIPIENT_KIND_ZH } from '../domain/outward.js';

// The outward transfers' Excel export in the 台账 columns (platform/http/xlsx-export.ts).

export const OUTWARD_EXPORT_COLUMNS: readonly ExportColumn<OutwardTransferView & { seq: number }>[] = [
  { zh: '序号', en: 'No.', width: 8, value: (o) => o.seq },
  { zh: '移送编号', en: 'Notice no.', width: 10, value: (o) => o.noticeNo },
  { zh: '移送日期', en: 'Notice date', width: 12, value: (o) => o.noticeDate },
  { zh: '移送单位', en: 'Bureau', width: 24, value: (o) => o.bureau.name },
  { zh: '接收部门类别', en: 'Recipient kind', width: 16, value: (o) => RECIPIENT_KIND_ZH[o.recipientKind] ?? o.recipientKind },
  { zh: '接收单位', en: 'Recipient', width: 28, value: (o) => o.recipientName },
  { zh: '涉案金额（元）', en: 'Amount involved (yuan)', width: 14, value: (o) => (o.amountInvolved === null ? null : Number(o.amountInvolved)) },
  { zh: '材料件数', en: 'Materials', width: 8, value: (o) => o.materials.length },
  { zh: '跟踪反馈期限', en: 'Follow-up due', width: 12, value: (o) => o.followUpDue },
  { zh: '回执日期', en: 'Receipt', width: 12, value: (o) => o.receiptAt ?? '' },
  { zh: '处理结果', en: 'Result', width: 40, value: (o) => o.result ?? '' },
  { zh: '结果日期', en: 'Result on', width: 12, value: (o) => o.resultAt ?? '' },
  { zh: '是否逾期', en: 'Overdue', width: 8, value: (o) => (o.overdue ? '是' : '否') },
  { zh: '执法案件（系统）', en: 'Case id', width: 38, value: (o) => o.caseId },
  { zh: '移送编号（系统）', en: 'Outward transfer id', width: 38, value: (o) => o.id },
];

import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { CampaignFilingView } from '../application/filing-queries.js';

// The campaign filings' Excel export (报送台账, platform/http/xlsx-export.ts): the list's columns.

const KIND_ZH: Record<string, string> = { plan: '专项治理方案', summary: '专项治理总结' };
const STATUS_ZH: Record<string, string> = { not_sent: '未报送', sent: '已报送', acknowledged: '已确认', returned: '已退回' };

export const FILING_EXPORT_COLUMNS: readonly ExportColumn<CampaignFilingView>[] = [
  { zh: '省份', en: 'Province', width: 24, value: (f) => f.provinceName },
  { zh: '专项治理', en: 'Campaign', width: 36, value: (f) => f.campaignTitle },
  { zh: '年度', en: 'Year', width: 8, value: (f) => f.year },
  { zh: '报送类型', en: 'Filing', width: 14, value: (f) => KIND_ZH[f.kind] ?? f.kind },
  { zh: '报送期限', en: 'Due', width: 12, value: (f) => f.dueDate },
  { zh: '状态', en: 'Status', width: 10, value: (f) => STATUS_ZH[f.status] ?? f.status },
  { zh: '逾期天数', en: 'Days late', width: 10, value: (f) => f.daysLate },
  { zh: '报送日期', en: 'Sent on', width: 12, value: (f) => (f.sentAt ? chinaDay(f.sentAt) : '') },
  { zh: '报送人', en: 'Sent by', width: 14, value: (f) => f.sentBy ?? '' },
  { zh: '报送次数', en: 'Times sent', width: 10, value: (f) => f.sendCount },
  { zh: '附件数', en: 'Attachments', width: 10, value: (f) => f.attachmentIds.length },
  { zh: '确认日期', en: 'Acknowledged on', width: 12, value: (f) => (f.acknowledgedAt ? chinaDay(f.acknowledgedAt) : '') },
  { zh: '退回理由', en: 'Return reason', width: 30, value: (f) => f.returnReason ?? '' },
  { zh: '报送说明', en: 'Note', width: 40, value: (f) => f.note ?? '' },
];

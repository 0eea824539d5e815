import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { TipListItem } from '../application/queries.js';

// The intake list's Excel export (platform/http/xlsx-export.ts): the list's columns, never a
// reporter field — the view it is written from holds none.

const STATUS_ZH: Record<string, string> = { received: '待受理', accepted: '已受理', rejected: '不予受理' };
const REWARD_ZH: Record<string, string> = { proposed: '待审批', approved: '已审批', claimed: '已申领', paid: '已发放' };

export const TIP_EXPORT_COLUMNS: readonly ExportColumn<TipListItem>[] = [
  { zh: '被举报机构', en: 'Institution reported', width: 32, value: (t) => t.institution?.name ?? '' },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (t) => t.institution?.id ?? '' },
  { zh: '所属地区', en: 'Region', width: 14, value: (t) => t.institution?.regionName ?? '' },
  { zh: '被举报人', en: 'Person reported', width: 16, value: (t) => t.personReported ?? '' },
  { zh: '举报事实', en: 'Facts', width: 50, value: (t) => t.facts },
  { zh: '涉及金额（元）', en: 'Amount involved (yuan)', width: 14, value: (t) => t.amountInvolved ?? '' },
  { zh: '举报方式', en: 'Reporting', width: 10, value: (t) => (t.anonymous ? '匿名' : '实名') },
  { zh: '状态', en: 'Status', width: 10, value: (t) => STATUS_ZH[t.status] ?? t.status },
  { zh: '受理期限', en: 'Decide by', width: 12, value: (t) => chinaDay(t.acceptDue) },
  { zh: '受理单位', en: 'Intake', width: 24, value: (t) => t.intakeOrgName },
  { zh: '线索编号', en: 'Lead id', width: 38, value: (t) => t.leadId ?? '' },
  { zh: '奖励', en: 'Reward', width: 10, value: (t) => (t.rewardStatus ? REWARD_ZH[t.rewardStatus] ?? t.rewardStatus : '') },
  { zh: '收到日期', en: 'Received on', width: 12, value: (t) => chinaDay(t.createdAt) },
  { zh: '举报编号', en: 'Tip id', width: 38, value: (t) => t.id },
];

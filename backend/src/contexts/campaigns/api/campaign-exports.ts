import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import { KIND_ZH } from '../domain/campaign.js';
import type { AgencySelfInspectionTask, SelfInspectionTask } from '../application/queries.js';

// The columns of the self-inspection tasks' Excel export (the 自查自纠台账; platform/http/xlsx-export.ts:
// Chinese headers, English in the second row).

const TASK_STATUS_ZH: Record<string, string> = { pending: '待填报', draft: '草稿', submitted: '已提交', missing: '未按期报送' };
const REVIEW_ZH: Record<string, string> = { awaiting: '待审核', verified: '已核实', returned: '已退回' };

export const TASK_EXPORT_COLUMNS: readonly ExportColumn<SelfInspectionTask>[] = [
  { zh: '机构名称', en: 'Institution', width: 32, value: (t) => t.institution.name },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (t) => t.institution.id },
  { zh: '机构类别', en: 'Kind', width: 10, value: (t) => KIND_ZH[t.institution.kind] ?? t.institution.kind },
  { zh: '所属地区', en: 'Region', width: 14, value: (t) => t.institution.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (t) => t.institution.regionCode },
  { zh: '专项治理', en: 'Campaign', width: 30, value: (t) => t.campaignTitle },
  { zh: '自查截止日期', en: 'Due', width: 12, value: (t) => t.selfInspectionEnd },
  { zh: '状态', en: 'Status', width: 12, value: (t) => TASK_STATUS_ZH[t.status] ?? t.status },
  { zh: '逾期报送', en: 'Late', width: 8, value: (t) => (t.late ? '是' : '否') },
  { zh: '提交日期', en: 'Submitted on', width: 12, value: (t) => chinaDay(t.submittedAt) },
  { zh: '发现问题数', en: 'Issues', width: 10, value: (t) => t.issues.length },
  { zh: '自查退回金额（元）', en: 'Refunded (yuan)', width: 16, value: (t) => t.refundedAmount },
  { zh: '经办机构', en: 'Handling agency', width: 24, value: (t) => t.handlingAgency?.name ?? '' },
  { zh: '审核状态', en: 'Review', width: 10, value: (t) => (t.review.status ? REVIEW_ZH[t.review.status] ?? t.review.status : '') },
  { zh: '核实退回金额（元）', en: 'Refund verified (yuan)', width: 16, value: (t) => t.review.refundVerifiedAmount },
  { zh: '任务编号', en: 'Task id', width: 38, value: (t) => t.id },
];

const LEVEL_ZH: Record<string, string> = { city: '市级', county: '县级' };

export const AGENCY_TASK_EXPORT_COLUMNS: readonly ExportColumn<AgencySelfInspectionTask>[] = [
  { zh: '经办机构', en: 'Agency', width: 32, value: (t) => t.agency.name },
  { zh: '机构编码', en: 'Agency code', width: 20, value: (t) => t.agency.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (t) => t.agency.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (t) => t.agency.regionCode },
  { zh: '层级', en: 'Level', width: 8, value: (t) => LEVEL_ZH[t.agency.level] ?? t.agency.level },
  { zh: '专项治理', en: 'Campaign', width: 30, value: (t) => t.campaignTitle },
  { zh: '自查截止日期', en: 'Due', width: 12, value: (t) => t.selfInspectionEnd },
  { zh: '状态', en: 'Status', width: 12, value: (t) => TASK_STATUS_ZH[t.status] ?? t.status },
  { zh: '逾期报送', en: 'Late', width: 8, value: (t) => (t.late ? '是' : '否') },
  { zh: '提交日期', en: 'Submitted on', width: 12, value: (t) => chinaDay(t.submittedAt) },
  { zh: '检查机构数', en: 'Institutions checked', width: 10, value: (t) => t.institutionsChecked },
  { zh: '发现问题数', en: 'Problems found', width: 10, value: (t) => t.problemsFound },
  { zh: '问题金额（元）', en: 'Problem amount (yuan)', width: 16, value: (t) => t.problemAmount },
  { zh: '退回金额（元）', en: 'Refunded (yuan)', width: 16, value: (t) => t.refundedAmount },
  { zh: '任务编号', en: 'Task id', width: 38, value: (t) => t.id },
];

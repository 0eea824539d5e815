import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { CaseView } from '../application/queries.js';
import { CASE_STATUS_ZH } from '../domain/enforcement-case.js';

// The case register's Excel export (执法案件台账; platform/http/xlsx-export.ts: Chinese headers, English in the second row).

const amount = (v: string | null) => (v === null ? null : Number(v));
const SOURCE_ZH: Record<string, string> = { transfer: '移送', lead: '线索', inspection: '检查发现', other: '其他' };

export const CASE_EXPORT_COLUMNS: readonly ExportColumn<CaseView & { seq: number }>[] = [
  { zh: '序号', en: 'No.', width: 8, value: (c) => c.seq },
  { zh: '案件编号', en: 'Case no.', width: 10, value: (c) => c.caseNo },
  { zh: '案件来源', en: 'Source', width: 10, value: (c) => SOURCE_ZH[c.source] ?? c.source },
  { zh: '案由', en: 'Subject', width: 40, value: (c) => c.subject },
  { zh: '当事机构', en: 'Institution', width: 30, value: (c) => c.institution?.name ?? '' },
  { zh: '所属地区', en: 'Region', width: 14, value: (c) => c.region.name },
  { zh: '立案部门', en: 'Bureau', width: 24, value: (c) => c.bureau.name },
  { zh: '提请日期', en: 'Proposed on', width: 12, value: (c) => chinaDay(c.proposedAt) },
  { zh: '立案日期', en: 'Filed on', width: 12, value: (c) => chinaDay(c.filedAt) },
  { zh: '办结期限', en: 'Due', width: 12, value: (c) => c.dueDate ?? '' },
  { zh: '重大案件', en: 'Major', width: 8, value: (c) => (c.major ? '是' : '否') },
  { zh: '办理状态', en: 'Status', width: 14, value: (c) => CASE_STATUS_ZH[c.status] ?? c.status },
  { zh: '涉及金额（元）', en: 'Amount involved (yuan)', width: 14, value: (c) => amount(c.amountInvolved) },
  { zh: '罚款（元）', en: 'Penalty (yuan)', width: 14, value: (c) => amount(c.penaltyAmount) },
  { zh: '追回（元）', en: 'Recovery (yuan)', width: 14, value: (c) => amount(c.recoveryAmount) },
  { zh: '决定日期', en: 'Decided on', width: 12, value: (c) => chinaDay(c.decidedAt) },
  { zh: '公示日期', en: 'Published on', width: 12, value: (c) => chinaDay(c.publishedAt) },
  { zh: '结案日期', en: 'Closed on', width: 12, value: (c) => chinaDay(c.closedAt) },
];

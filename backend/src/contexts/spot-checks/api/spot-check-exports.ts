import { chinaDay, type ExportColumn } from '../../../platform/http/xlsx-export.js';
import type { InspectionView, SpotCheckSummary } from '../application/queries.js';

// The columns of the spot-checks' and inspections' Excel exports (platform/http/xlsx-export.ts:
// Chinese headers, English in the second row), the 台账 a bureau keeps of them.

const SPOT_CHECK_STATUS_ZH: Record<string, string> = { draft: '待公开承诺', committed: '已公开承诺', drawn: '已抽取', closed: '已结束' };
const INSPECTION_STATUS_ZH: Record<string, string> = { assigned: '待检查', recorded: '已记录', sent: '已送达机构' };
const KIND_ZH: Record<string, string> = { hospital: '医院', pharmacy: '零售药店', clinic: '诊所' };
const LEVEL_ZH: Record<string, string> = { tertiary: '三级', secondary: '二级', primary: '一级及基层', none: '不分级' };
const TYPE_ZH: Record<string, string> = { routine: '日常稽核', targeted: '专项检查', follow_up: '回头看', lead: '线索核查', complaint: '投诉举报核查' };
const METHOD_ZH: Record<string, string> = { on_site: '现场检查', data_review: '数据核查' };
const ORIGIN_ZH: Record<string, string> = { spot_check: '省级抽查', agency: '经办机构检查' };

const yesNo = (b: boolean | null) => (b === null ? '' : b ? '是' : '否');
/** Yuan with two decimals, summed in fen (no floating-point drift over many findings). */
const findingsAmount = (i: InspectionView) => i.findings.reduce((fen, f) => fen + Math.round(Number(f.amount) * 100), 0) / 100;

export const SPOT_CHECK_EXPORT_COLUMNS: readonly ExportColumn<SpotCheckSummary>[] = [
  { zh: '年度', en: 'Year', width: 8, value: (s) => s.year },
  { zh: '抽查任务', en: 'Spot-check', width: 36, value: (s) => s.title },
  { zh: '专项行动', en: 'Campaign', width: 30, value: (s) => s.campaignTitle },
  { zh: '抽查城市（代码）', en: 'Cities (codes)', width: 24, value: (s) => s.cityCodes.join('、') },
  { zh: '机构类别', en: 'Institution kinds', width: 20, value: (s) => s.institutionKinds.map((k) => KIND_ZH[k] ?? k).join('、') },
  { zh: '状态', en: 'Status', width: 12, value: (s) => SPOT_CHECK_STATUS_ZH[s.status] ?? s.status },
  { zh: '公开承诺日期', en: 'Committed on', width: 12, value: (s) => chinaDay(s.committedAt) },
  { zh: '抽取日期', en: 'Drawn on', width: 12, value: (s) => chinaDay(s.drawnAt) },
  { zh: '名录机构数', en: 'Population', width: 10, value: (s) => s.population },
  { zh: '抽中机构数', en: 'Drawn', width: 10, value: (s) => s.drawn },
  { zh: '检查数', en: 'Inspections', width: 8, value: (s) => s.inspections.total },
  { zh: '已记录', en: 'Recorded', width: 8, value: (s) => s.inspections.recorded },
  { zh: '已送达', en: 'Sent', width: 8, value: (s) => s.inspections.sent },
  { zh: '逾期', en: 'Overdue', width: 8, value: (s) => s.inspections.overdue },
  { zh: '完成期限', en: 'Due', width: 12, value: (s) => s.dueDate },
  { zh: '见证人', en: 'Witnesses', width: 30, value: (s) => s.witnesses.map((w) => w.name).join('、') },
  { zh: '抽查编号', en: 'Spot-check id', width: 38, value: (s) => s.id },
];

export const INSPECTION_EXPORT_COLUMNS: readonly ExportColumn<InspectionView>[] = [
  { zh: '机构名称', en: 'Institution', width: 32, value: (i) => i.institution.name },
  { zh: '机构编码', en: 'Institution code', width: 20, value: (i) => i.institution.id },
  { zh: '所属地区', en: 'Region', width: 14, value: (i) => i.institution.regionName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (i) => i.institution.regionCode },
  { zh: '机构类别', en: 'Kind', width: 10, value: (i) => KIND_ZH[i.institution.kind] ?? i.institution.kind },
  { zh: '机构等级', en: 'Level', width: 10, value: (i) => LEVEL_ZH[i.institution.level] ?? i.institution.level },
  { zh: '检查来源', en: 'Origin', width: 12, value: (i) => ORIGIN_ZH[i.origin] ?? i.origin },
  { zh: '抽查任务', en: 'Spot-check', width: 30, value: (i) => (i.origin === 'spot_check' ? i.spotCheckTitle : '') },
  { zh: '检查机构', en: 'Inspecting agency', width: 24, value: (i) => i.agency?.name ?? '' },
  { zh: '检查类型', en: 'Type', width: 12, value: (i) => (i.inspectionType ? TYPE_ZH[i.inspectionType] ?? i.inspectionType : '') },
  { zh: '检查方式', en: 'Method', width: 10, value: (i) => (i.method ? METHOD_ZH[i.method] ?? i.method : '') },
  { zh: '事先告知', en: 'Announced', width: 8, value: (i) => yesNo(i.announced) },
  { zh: '计划检查日期', en: 'Planned on', width: 12, value: (i) => i.plannedOn },
  { zh: '检查组', en: 'Team', width: 24, value: (i) => i.team.map((m) => m.name).join('、') },
  { zh: '检查日期', en: 'Inspected on', width: 12, value: (i) => i.inspectedOn },
  { zh: '问题数', en: 'Findings', width: 8, value: (i) => i.findings.length },
  { zh: '问题金额（元）', en: 'Findings amount (yuan)', width: 14, value: findingsAmount },
  { zh: '状态', en: 'Status', width: 12, value: (i) => INSPECTION_STATUS_ZH[i.status] ?? i.status },
  { zh: '完成期限', en: 'Due', width: 12, value: (i) => i.dueDate },
  { zh: '逾期', en: 'Overdue', width: 8, value: (i) => yesNo(i.overdue && i.status !== 'sent') },
  { zh: '送达日期', en: 'Sent on', width: 12, value: (i) => chinaDay(i.sentAt) },
  { zh: '检查编号', en: 'Inspection id', width: 38, value: (i) => i.id },
];

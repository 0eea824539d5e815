// The time limit of a lead by its source (限时办结, seed 003 二(二)). The seeds say 限时 without a number,
// so these are the suite's defaults, each with where it comes from; a deployment overrides any of them
// with LEAD_TIME_LIMITS (e.g. `tip=30,national_assignment=60`, working days; contexts/leads/README.md).

export const LEAD_SOURCES = [
  'tip', 'national_assignment', 'provincial_assignment', 'flight_inspection', 'smart_monitoring',
  'self_inspection', 'other_department', 'media', 'offsite_verification', 'other',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_SOURCE_ZH: Record<LeadSource, string> = {
  tip: '举报投诉', national_assignment: '国家局交办', provincial_assignment: '省局交办', flight_inspection: '飞行检查移交',
  smart_monitoring: '智能监控预警', self_inspection: '自查发现', other_department: '其他部门移送', media: '媒体曝光',
  offsite_verification: '异地协查', other: '其他',
};
export const LEAD_SOURCE_EN: Record<LeadSource, string> = {
  tip: 'Tip', national_assignment: 'Assigned by the national bureau', provincial_assignment: 'Assigned by the province',
  flight_inspection: 'Flight inspection follow-up', smart_monitoring: 'Smart monitoring alert', self_inspection: 'Self-inspection issue',
  other_department: 'Another department', media: 'Media', offsite_verification: 'Off-site verification request', other: 'Other',
};

export interface LeadTimeLimit { workingDays: number; sourceZh: string; sourceEn: string }

const SUITE_DEFAULT = { sourceZh: '本系统默认值（文件仅要求"限时办结"，未规定天数）', sourceEn: "the suite's default (the seeds say 限时办结 without a number)" };

/** Working days from registration (or assignment) to the due day, per source. */
export const DEFAULT_LEAD_TIME_LIMITS: Record<LeadSource, LeadTimeLimit> = {
  // 《医疗保障基金使用监督管理举报处理暂行办法》(国家医保局令第5号, 2022) gives 30 working days from acceptance for the
  // handling of a tip (extendable); the suite uses that figure for a tip's lead.
  tip: { workingDays: 30, sourceZh: '参照《医疗保障基金使用监督管理举报处理暂行办法》（2022）举报办理期限30个工作日', sourceEn: 'after the interim measures on handling tips (NHSA order no. 5, 2022): 30 working days' },
  national_assignment: { workingDays: 60, ...SUITE_DEFAULT },
  provincial_assignment: { workingDays: 40, ...SUITE_DEFAULT },
  flight_inspection: { workingDays: 60, ...SUITE_DEFAULT },
  smart_monitoring: { workingDays: 30, ...SUITE_DEFAULT },
  self_inspection: { workingDays: 30, ...SUITE_DEFAULT },
  other_department: { workingDays: 30, ...SUITE_DEFAULT },
  media: { workingDays: 15, ...SUITE_DEFAULT },
  offsite_verification: { workingDays: 20, ...SUITE_DEFAULT },
  other: { workingDays: 30, ...SUITE_DEFAULT },
};

/** Reminders go out this many calendar days before the due day, at 09:00 China time. */
export const LEAD_REMIND_DAYS_BEFORE = [5, 1] as const;

export const isLeadSource = (v: unknown): v is LeadSource => typeof v === 'string' && (LEAD_SOURCES as readonly string[]).includes(v);

/**
 * The limits with a deployment's overrides (`source=days,…`): an unknown source or a number outside
 * 1–365 fails at start-up, naming it, rather than silently keeping the default.
 */
export function leadTimeLimits(override: string | undefined): Record<LeadSource, LeadTimeLimit> {
  const limits = { ...DEFAULT_LEAD_TIME_LIMITS };
  for (const part of (override ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const days = Number(value);
    if (!isLeadSource(key) || !Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error(`LEAD_TIME_LIMITS: '${part}' is not source=working days (1–365) with a source among ${LEAD_SOURCES.join(', ')}`);
    }
    limits[key] = { workingDays: days, sourceZh: '本地配置（LEAD_TIME_LIMITS）', sourceEn: 'local configuration (LEAD_TIME_LIMITS)' };
  }
  return limits;
}

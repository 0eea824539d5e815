// Shared by the activity generator's parts: options, scales, marks, the SQL executor's type and helpers.
import { createHash } from 'node:crypto';
import { chinaInstant } from '../../platform/calendar/working-days.js';

export type ActivityScale = 'demo' | 'benchmark';

export interface ActivityOptions {
  year: number;
  scale: ActivityScale;
  seed: number;
  /** GB/T 2260 short code of the seeded province. */
  province?: string;
  /** The instant the activity ends at (default: now): nothing is dated on or after its China day. */
  now?: Date;
  /** Progress lines (step and elapsed seconds). */
  log?: (line: string) => void;
}

export interface ActivitySummary {
  year: number;
  scale: ActivityScale;
  /** The year had been generated already: nothing was written (counts are the year's existing rows). */
  skipped: boolean;
  horizon: string;
  plans: number;
  campaigns: number;
  selfInspections: number;
  spotChecks: number;
  inspections: number;
  /** The agencies' own inspections (issue 13). */
  agencyInspections: number;
  findings: number;
  decisions: number;
  disputes: number;
  icAudits: number;
  /** County monthly reports (医保基金监管月报表) and the cities' compiled reports. */
  monthlyReports: number;
  cityReports: number;
  events: number;
  seconds: number;
}

export const DEMO_MARK = '（演示数据）';
/** The fixed demo institutions (deploy/keycloak accounts): never given generated activity. */
export const UNTOUCHED_INSTITUTIONS = ['inst-320102-0001', 'inst-320102-0002', 'inst-320508-0001', 'inst-330106-0001', 'inst-330106-0002'] as const;
/** Their counties: only settled items there, so the county demo accounts' queues stay empty. */
export const QUIET_COUNTIES = ['320102', '320508', '330106'];

export const SCALES = {
  // monthly share of pharmacies and clinics inspected (≥ 10% per city), hospitals' yearly share,
  // and the findings of an inspection: 0 with probability `noFindings`, else 1..maxFindings
  demo: { monthlyRatio: 0.12, hospitalRatio: 0.15, noFindings: 0.2, maxFindings: 5, disputeShare: 0.15 },
  benchmark: { monthlyRatio: 0.12, hospitalRatio: 0.15, noFindings: 0.04, maxFindings: 25, disputeShare: 0.1 },
} as const;

export const MAJOR_AMOUNT = 100_000;

export const FINDING_TYPES: [string, string][] = [
  ['串换药品', '将非医保目录药品串换为目录内药品申报结算'],
  ['超标准收费', '诊疗项目收费超过医疗服务价格标准'],
  ['重复收费', '同一诊疗项目重复计费'],
  ['分解收费', '将一次诊疗分解为多个项目收费'],
  ['挂床住院', '参保人未实际住院而办理住院结算'],
  ['虚构医疗服务', '虚记诊疗服务项目骗取医保基金'],
  ['盗刷医保卡', '冒用参保人医保凭证结算'],
  ['销售非医保物品', '以医保结算方式销售生活用品、化妆品'],
  ['不合理诊疗', '无指征检查、过度诊疗'],
  ['套用项目收费', '套用高价项目编码收费'],
];
export const CLINICIANS = ['王建国', '李秀兰', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周婷', '吴强', '徐丽', '孙浩'];

export const DAY = 86_400_000;

export type Row = Record<string, unknown>;
export type Exec = <T = Row>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface Actor { userId: string; username: string; displayName: string; roles: string[]; regionPath: string; organizationId: string; organizationKind: 'bureau' | 'agency' | 'institution' }

export function actorAt(kind: 'bureau' | 'agency' | 'institution', orgId: string, regionPath: string, role: string, name: string): Actor {
  return { userId: `demo-activity-${role}`, username: `demo.activity.${role}`, displayName: `${name}${DEMO_MARK}`, roles: [role], regionPath, organizationId: orgId, organizationKind: kind };
}

export const iso = (d: Date) => d.toISOString();
export const at = (day: string, hour = 10) => chinaInstant(day, hour);
export const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** Events collected in TypeScript, written with the SQL-made ones at the end (in time order). */
export interface EventRow { region_path: string; owner_org_id: string; aggregate_type: string; aggregate_id: string; event_type: string; payload: unknown; occurred_at: string }

// -------------------------------------------------------------------------------------------------

/** Rows computed in TypeScript, inserted set-based from a JSON parameter (chunks of 2,000). */
export async function insertJson(q: Exec, table: string, columns: Record<string, string>, rows: Row[]): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    await q(`insert into ${table} (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${defs}) on conflict do nothing`,
      [JSON.stringify(rows.slice(i, i + 2000))]);
  }
}

/** Stable identifiers of the rows made in TypeScript (the key names the year and the item). */
export function uuidOf(key: string): string {
  const h = hashHex(`fundsup-activity-ts|${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function hashHex(s: string): string {
  return createHash('md5').update(s).digest('hex');
}
export function hash32(s: string): number {
  return parseInt(hashHex(s).slice(0, 8), 16) | 0;
}

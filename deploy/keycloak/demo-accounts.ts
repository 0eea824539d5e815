// Single source of truth for the demo organisations and users of the `fundsup`
// Keycloak realm. `generate-realm.ts` renders fundsup-realm.json from this
// module, so scripts that print or log in as demo users can never drift from
// what Keycloak actually holds.

export const REALM = 'fundsup';
export const WEB_CLIENT_ID = 'fundsup-web';
export const API_CLIENT_ID = 'fundsup-api';
/** Audience every access token for the API must carry. */
export const API_AUDIENCE = API_CLIENT_ID;
/** Password-grant client for automated tests; must not exist in production. */
export const E2E_CLIENT_ID = 'fundsup-e2e';
/**
 * The demo users' password. Shorter than the realm's password policy allows (see
 * generate-realm.ts): the realm file carries it pre-hashed, which Keycloak imports without applying
 * the policy, so the demo accounts keep it while every password set in Keycloak must comply.
 */
export const DEMO_PASSWORD = 'demo123';
/**
 * Secret of the API's confidential client, with which the API asks Keycloak whether a token's
 * session is still alive (token introspection). DEV/TEST ONLY: production regenerates it in
 * Keycloak (Clients → fundsup-api → Credentials) and gives it to the API as OIDC_API_CLIENT_SECRET.
 */
export const API_CLIENT_DEV_SECRET = 'fundsup-api-dev-secret-not-for-production';
/**
 * Realm role whose holders get the OTP step of the browser flow once an operator turns it on
 * (README "Sign-in security"): leaders hold it through their role, legal reviewers are given it.
 */
export const OTP_ROLE = 'otp_required';
/**
 * Realm role of the legal reviewers (法制审核人员) of enforcement cases (issue 18): held beside the
 * user's staff role; composite with OTP_ROLE, so a legal reviewer gets the OTP step like a leader.
 */
export const LEGAL_REVIEWER_ROLE = 'legal_reviewer';
/** Demo users who do enforcement's legal reviews (法制审核, bureau staff) and so hold LEGAL_REVIEWER_ROLE (and through it OTP_ROLE). */
export const LEGAL_REVIEWERS: readonly string[] = ['xw.legal'];

export type RoleName =
  | 'national_overseer'
  | 'province_official'
  | 'city_agency_staff'
  | 'county_staff'
  | 'institution_clerk'
  | 'leader';

export type OrgKind = 'bureau' | 'agency' | 'institution';

export interface RoleInfo {
  name: RoleName;
  labelZh: string;
  labelEn: string;
}

export interface Organization {
  orgId: string;
  name: string;
  kind: OrgKind;
  /** Administrative-division path, root `/`, always ending with `/`. */
  regionPath: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: RoleName;
  roleLabelZh: string;
  roleLabelEn: string;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  regionPath: string;
  lastName: string;
  firstName: string;
  email: string;
}

export const ROLES: readonly RoleInfo[] = [
  { name: 'national_overseer', labelZh: '国家局监管员', labelEn: 'National overseer' },
  { name: 'province_official', labelZh: '省级监管人员', labelEn: 'Provincial official' },
  { name: 'city_agency_staff', labelZh: '市级经办人员', labelEn: 'City agency staff' },
  { name: 'county_staff', labelZh: '县区经办人员', labelEn: 'County staff' },
  { name: 'institution_clerk', labelZh: '定点机构经办人', labelEn: 'Institution clerk' },
  { name: 'leader', labelZh: '审批领导', labelEn: 'Approving leader' },
];

export const ORGANIZATIONS: readonly Organization[] = [
  { orgId: 'bureau-000000', name: '国家医疗保障局', kind: 'bureau', regionPath: '/' },
  { orgId: 'bureau-32', name: '江苏省医疗保障局', kind: 'bureau', regionPath: '/32/' },
  { orgId: 'agency-32', name: '江苏省医疗保险基金管理中心', kind: 'agency', regionPath: '/32/' },
  { orgId: 'bureau-3201', name: '南京市医疗保障局', kind: 'bureau', regionPath: '/32/3201/' },
  { orgId: 'agency-3201', name: '南京市医疗保险基金管理中心', kind: 'agency', regionPath: '/32/3201/' },
  { orgId: 'bureau-3205', name: '苏州市医疗保障局', kind: 'bureau', regionPath: '/32/3205/' },
  { orgId: 'agency-3205', name: '苏州市医疗保险基金管理中心', kind: 'agency', regionPath: '/32/3205/' },
  { orgId: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau', regionPath: '/32/3201/320102/' },
  { orgId: 'agency-320102', name: '南京市玄武区医疗保险管理中心', kind: 'agency', regionPath: '/32/3201/320102/' },
  { orgId: 'bureau-320508', name: '苏州市姑苏区医疗保障局', kind: 'bureau', regionPath: '/32/3205/320508/' },
  { orgId: 'agency-320508', name: '苏州市姑苏区医疗保险管理中心', kind: 'agency', regionPath: '/32/3205/320508/' },
  { orgId: 'inst-320102-0001', name: '南京玄武康宁医院', kind: 'institution', regionPath: '/32/3201/320102/' },
  { orgId: 'inst-320102-0002', name: '玄武区梅园社区卫生服务中心', kind: 'institution', regionPath: '/32/3201/320102/' },
  { orgId: 'inst-320508-0001', name: '姑苏仁和大药房', kind: 'institution', regionPath: '/32/3205/320508/' },
  // The second province (issue 15: isolation between provinces): Zhejiang 33 → Hangzhou 3301 → Xihu 330106.
  { orgId: 'bureau-33', name: '浙江省医疗保障局', kind: 'bureau', regionPath: '/33/' },
  { orgId: 'agency-3301', name: '杭州市医疗保险基金管理中心', kind: 'agency', regionPath: '/33/3301/' },
  { orgId: 'agency-330106', name: '杭州市西湖区医疗保险管理中心', kind: 'agency', regionPath: '/33/3301/330106/' },
  { orgId: 'inst-330106-0001', name: '杭州西湖仁和医院', kind: 'institution', regionPath: '/33/3301/330106/' },
  { orgId: 'inst-330106-0002', name: '西湖区北山街道社区卫生服务中心', kind: 'institution', regionPath: '/33/3301/330106/' },
];

// [username, role, orgId, 姓 (lastName), 名 (firstName)]
const USER_ROWS: readonly (readonly [string, RoleName, string, string, string])[] = [
  ['nhsa.overseer', 'national_overseer', 'bureau-000000', '王', '建国'],
  ['js.official', 'province_official', 'bureau-32', '李', '明华'],
  ['js.leader', 'leader', 'bureau-32', '张', '国强'],
  // Staff of the provincial agency (省医保中心): it answers its own internal-control audit (seed 003
  // 五(三)). The suite has no role of its own for provincial agency staff: the agency staff role.
  ['js.agency', 'city_agency_staff', 'agency-32', '韩', '素梅'],
  ['nj.agency', 'city_agency_staff', 'agency-3201', '刘', '静'],
  ['nj.leader', 'leader', 'bureau-3201', '陈', '志刚'],
  ['sz.agency', 'city_agency_staff', 'agency-3205', '杨', '丽娟'],
  ['sz.leader', 'leader', 'bureau-3205', '赵', '卫东'],
  ['xw.staff', 'county_staff', 'agency-320102', '黄', '晓燕'],
  // A second user of the Xuanwu agency: the second-person review (复核) of major handling decisions.
  ['xw.reviewer', 'county_staff', 'agency-320102', '何', '丽萍'],
  // Bureau staff who decide disputes at their level (争议协调处理): county and city.
  ['xw.bureau', 'county_staff', 'bureau-320102', '钱', '海燕'],
  // The Xuanwu bureau's legal reviewer (法制审核 of enforcement cases): the bureau's, apart from the
  // agency's staff (seed 003 四(一) 「相对独立」); holds LEGAL_REVIEWER_ROLE.
  ['xw.legal', 'county_staff', 'bureau-320102', '郑', '立新'],
  ['nj.bureau', 'city_agency_staff', 'bureau-3201', '冯', '涛'],
  ['xw.leader', 'leader', 'bureau-320102', '周', '文斌'],
  ['gs.staff', 'county_staff', 'agency-320508', '吴', '婷婷'],
  ['xw.hospital', 'institution_clerk', 'inst-320102-0001', '徐', '敏'],
  ['xw.clinic', 'institution_clerk', 'inst-320102-0002', '孙', '红梅'],
  ['gs.pharmacy', 'institution_clerk', 'inst-320508-0001', '马', '俊'],
  // Zhejiang (the second province)
  ['zj.official', 'province_official', 'bureau-33', '沈', '建平'],
  ['hz.agency', 'city_agency_staff', 'agency-3301', '金', '晓东'],
  ['xh.staff', 'county_staff', 'agency-330106', '蒋', '雅琴'],
  ['xh.hospital', 'institution_clerk', 'inst-330106-0001', '方', '志远'],
  ['xh.clinic', 'institution_clerk', 'inst-330106-0002', '叶', '秋云'],
];

function mustFind<T>(items: readonly T[], pred: (item: T) => boolean, what: string): T {
  const found = items.find(pred);
  if (!found) throw new Error(`demo-accounts: unknown ${what}`);
  return found;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = USER_ROWS.map(
  ([username, role, orgId, lastName, firstName]) => {
    const org = mustFind(ORGANIZATIONS, (o) => o.orgId === orgId, `org ${orgId}`);
    const roleInfo = mustFind(ROLES, (r) => r.name === role, `role ${role}`);
    return {
      username,
      password: DEMO_PASSWORD,
      role,
      roleLabelZh: roleInfo.labelZh,
      roleLabelEn: roleInfo.labelEn,
      orgId,
      orgName: org.name,
      orgKind: org.kind,
      regionPath: org.regionPath,
      lastName,
      firstName,
      email: `${username}@demo.fundsup.local`,
    };
  },
);

export function findDemoAccount(username: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.username === username);
}

// Segregation of duties (岗位职责是否交叉, seed 003 五(三)): posts one person must never hold together.
// A pure function of the agency's staff-to-post assignments; the audit turns each conflict into a finding.

export const POSTS = [
  'payment_review', 'payment_approval', 'registration', 'settlement', 'fund_accounting',
  'fund_cashier', 'system_admin', 'business_operator', 'audit_supervision', 'claims_review',
] as const;
export type Post = (typeof POSTS)[number];

export const POST_ZH: Record<Post, string> = {
  payment_review: '支付审核',
  payment_approval: '支付审批',
  registration: '参保登记',
  settlement: '待遇结算',
  fund_accounting: '基金会计',
  fund_cashier: '基金出纳',
  system_admin: '系统管理',
  business_operator: '业务经办',
  audit_supervision: '稽核监督',
  claims_review: '费用审核',
};

export interface SodRule {
  code: string;
  posts: readonly [Post, Post];
  zh: string;
  en: string;
}

export const SOD_RULES: readonly SodRule[] = [
  { code: 'review_and_approve_payment', posts: ['payment_review', 'payment_approval'], zh: '审核与审批支付', en: 'payment review and payment approval' },
  { code: 'register_and_settle', posts: ['registration', 'settlement'], zh: '参保登记与待遇结算', en: 'registration and benefit settlement' },
  { code: 'accounting_and_cashier', posts: ['fund_accounting', 'fund_cashier'], zh: '会计与出纳', en: 'fund accounting and cashier' },
  { code: 'admin_and_operator', posts: ['system_admin', 'business_operator'], zh: '系统管理与业务经办', en: 'system administration and business operation' },
  { code: 'review_and_supervise', posts: ['claims_review', 'audit_supervision'], zh: '审核与稽核监督', en: 'claims review and audit supervision' },
];

export interface StaffPosts {
  personId: string;
  personName: string;
  posts: readonly string[];
}

export interface SodConflict {
  rule: string;
  personId: string;
  personName: string;
  posts: [Post, Post];
  zh: string;
  en: string;
}

/** Every (person, rule) where one person holds both posts of the rule; in staff order, then rule order. */
export function detectSodConflicts(staff: readonly StaffPosts[]): SodConflict[] {
  const conflicts: SodConflict[] = [];
  for (const person of staff) {
    const held = new Set(person.posts);
    for (const rule of SOD_RULES) {
      if (held.has(rule.posts[0]) && held.has(rule.posts[1])) {
        conflicts.push({ rule: rule.code, personId: person.personId, personName: person.personName, posts: [...rule.posts], zh: rule.zh, en: rule.en });
      }
    }
  }
  return conflicts;
}

/** The finding text for one conflict (Chinese, as the report prints it). */
export function sodFindingDescription(c: SodConflict): string {
  return `岗位职责交叉：${c.personName}（${c.personId}）同时担任「${POST_ZH[c.posts[0]]}」与「${POST_ZH[c.posts[1]]}」岗位，违反${c.zh}不相容岗位分离要求。`;
}

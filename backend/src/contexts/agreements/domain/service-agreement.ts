// Service agreements (定点服务协议): which handling agency holds each designated institution, and
// what the agency's handling decisions have done to the agreement (seed 000 (十一)(十二)).

export type AgreementStatus = 'active' | 'suspended' | 'terminated';
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['active', 'suspended', 'terminated'];
export const AGREEMENT_STATUS_ZH: Record<AgreementStatus, string> = { active: '正常履行', suspended: '暂停结算', terminated: '已终止' };

/** What the institution's handling decisions say, as the status rule needs it. */
export interface HandlingState {
  /** A termination (终止协议) is in effect and not held by an open or revising dispute. */
  terminationInEffect: boolean;
  /** Settlement is suspended (暂停结算限期整改) and not yet restored by an accepted rectification. */
  settlementSuspended: boolean;
}

/**
 * The agreement's status from the handling in force: termination ends it; a suspension of settlement
 * suspends it until the rectification is accepted (then it is restored, seed 000 (十二)
 * 「确认问题已经解决…后可恢复」); otherwise it is active.
 */
export function agreementStatusOf(state: HandlingState): AgreementStatus {
  if (state.terminationInEffect) return 'terminated';
  if (state.settlementSuspended) return 'suspended';
  return 'active';
}

export interface ServiceAgreementHolder {
  agreementId: string;
  institutionId: string;
  agencyId: string;
  status: AgreementStatus;
}

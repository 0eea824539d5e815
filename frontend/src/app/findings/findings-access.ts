import type { Me, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import type { Decision, Dispute, Finding } from './findings-api';
import { labelTable } from '../i18n/label-table';

// Who may do what with findings, decisions, rectification and disputes, by the menu section the
// pages are opened from. The backend enforces the same (and scopes every list to the caller):
// the institution confirms or appeals its findings, rectifies and disputes; the handling agency
// (county_staff / city_agency_staff of an agency) reviews appeals, decides, reviews the legality of
// a colleague's decision and confirms rectification; bureaus decide disputes at their level and
// read the rest; the national overseer and leaders (驾驶舱 drill-down, the leader section) read.
// This only decides what to offer: every action below needs the institution, agency or bureau
// section, so the leader section is read-only whatever the record's status.

export type FindingsSection = 'province' | 'local' | 'institution' | 'leader';
/** The pages with a tab in the province, city/county and leader 问题线索与处理 entry. */
export type FindingsPage = 'list' | 'decisions';

export const FINDINGS_PAGE_LABELS: Record<FindingsPage, TranslationKey> = labelTable('finding.nav', ['list', 'decisions']);

type FindingsUser = Pick<Me, 'roles'> & Partial<Pick<Me, 'organization' | 'userId' | 'username' | 'displayName' | 'level'>>;
type User = FindingsUser | null;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));
const LOCAL_ROLES: Role[] = ['city_agency_staff', 'county_staff'];

/** In tab order; the first one is where the section's entry lands. */
export function findingPagesFor(me: User, section: FindingsSection): FindingsPage[] {
  if (!me) return [];
  switch (section) {
    case 'province':
      return has(me.roles, 'province_official', 'national_overseer') ? ['list', 'decisions'] : [];
    case 'local':
      return has(me.roles, ...LOCAL_ROLES) ? ['list', 'decisions'] : [];
    case 'leader':
      return has(me.roles, 'leader') ? ['list', 'decisions'] : [];
    case 'institution':
      return [];
  }
}

/** The institution's own findings, decisions and disputes, from the institution section. */
export function isInstitutionUser(me: User, section: FindingsSection): boolean {
  return section === 'institution' && me !== null && has(me.roles, 'institution_clerk');
}

/** County or city staff of a handling agency (经办机构), in the city/county section. */
export function isAgencyUser(me: User, section: FindingsSection): boolean {
  return section === 'local' && me !== null && has(me.roles, ...LOCAL_ROLES) && me.organization?.kind === 'agency';
}

/** The level a bureau user decides disputes at. */
export function bureauLevelOf(me: User, section: FindingsSection): 'county' | 'city' | 'province' | null {
  if (!me || !isBureauUser(me, section)) return null;
  if (section === 'province') return 'province';
  return me.level === 'city' ? 'city' : me.level === 'county' ? 'county' : null;
}

/** Staff of a county, city or the province bureau (医保局), who decide disputes at their level. */
export function isBureauUser(me: User, section: FindingsSection): boolean {
  if (!me) return false;
  if (section === 'province') return has(me.roles, 'province_official');
  return section === 'local' && has(me.roles, ...LOCAL_ROLES) && me.organization?.kind === 'bureau';
}

/** Who may open the 争议处理 pages of a section (the national overseer reads the province's, leaders their own). */
export function canSeeDisputes(me: User, section: FindingsSection): boolean {
  if (!me) return false;
  switch (section) {
    case 'province':
      return has(me.roles, 'province_official', 'national_overseer');
    case 'local':
      return has(me.roles, ...LOCAL_ROLES);
    case 'institution':
      return has(me.roles, 'institution_clerk');
    case 'leader':
      return has(me.roles, 'leader');
  }
}

/** The institution may confirm or appeal until the confirmation deadline (the server decides). */
export function canAnswerFinding(me: User, section: FindingsSection, finding: Finding, today: string): boolean {
  return isInstitutionUser(me, section) && finding.status === 'awaiting_confirmation' && today <= finding.confirmationDue;
}

/** The handling agency reviews an appeal. */
export function canReviewAppeal(me: User, section: FindingsSection, finding: Finding): boolean {
  return isAgencyUser(me, section) && finding.status === 'appealed' && me?.organization?.id === finding.handlingAgencyId;
}

/** The findings a handling agency may put into a decision. */
export function isDecidable(finding: Finding): boolean {
  return finding.status === 'confirmed' || finding.status === 'deemed_confirmed';
}

/** Whether this user made the decision (the legal review needs a second user: legal_review_self). */
export function isDecider(me: User, decision: Decision): boolean {
  if (!me) return false;
  return [me.userId, me.username, me.displayName].some((name) => !!name && name === decision.decidedBy);
}

/** Another user of the deciding agency approves or refuses a major decision. */
export function canReviewLegality(me: User, section: FindingsSection, decision: Decision): boolean {
  return (
    isAgencyUser(me, section) &&
    decision.status === 'pending_legal_review' &&
    me?.organization?.id === decision.agencyId &&
    !isDecider(me, decision)
  );
}

/** The agency accepts or rejects the institution's rectification. */
export function canConfirmRectification(me: User, section: FindingsSection, decision: Decision): boolean {
  return isAgencyUser(me, section) && decision.status === 'rectification_submitted' && me?.organization?.id === decision.agencyId;
}

/** The handling agency records an amount actually recovered (扣减/退回) once the decision is in effect (issue 16). */
export function canRecordRecovery(me: User, section: FindingsSection, decision: Decision): boolean {
  return isAgencyUser(me, section) && decision.effectiveAt !== null && me?.organization?.id === decision.agencyId;
}

/** The institution reports its rectification. */
export function canRectify(me: User, section: FindingsSection, decision: Decision): boolean {
  return isInstitutionUser(me, section) && decision.status === 'rectifying';
}

/** The institution disputes a decision in effect; one dispute per decision (a withdrawn one aside). */
export function canFileDispute(me: User, section: FindingsSection, decision: Decision): boolean {
  return (
    isInstitutionUser(me, section) &&
    (decision.dispute === null || decision.dispute.status === 'withdrawn') &&
    (decision.status === 'effective' || decision.status === 'rectifying' || decision.status === 'rectification_submitted')
  );
}

/** The bureau of the dispute's current level decides it, once. */
export function canDecideDispute(me: User, section: FindingsSection, dispute: Dispute): boolean {
  const level = dispute.path[dispute.current];
  return (
    isBureauUser(me, section) &&
    level !== undefined &&
    level.decision === null &&
    dispute.status === 'open' &&
    me?.organization?.id === level.bureauId
  );
}

/** The institution withdraws its dispute while it is open or decided (the decision stands). */
export function canWithdrawDispute(me: User, section: FindingsSection, dispute: Dispute): boolean {
  return isInstitutionUser(me, section) && (dispute.status === 'open' || dispute.status === 'decided');
}

/** The institution escalates a decided dispute until the window closes (inclusive), never past the province. */
export function canEscalate(me: User, section: FindingsSection, dispute: Dispute, today: string): boolean {
  return (
    isInstitutionUser(me, section) &&
    dispute.status === 'decided' &&
    dispute.escalationDue !== null &&
    today <= dispute.escalationDue &&
    dispute.current < dispute.path.length - 1
  );
}

/** Where a finding opens in a section. */
export function findingLink(section: FindingsSection, findingId: string): string[] {
  return ['/', section, 'findings', 'finding', findingId];
}

/** Where a decision opens: the institution reads its decisions under 整改, the others under 问题线索与处理. */
export function decisionLink(section: FindingsSection, decisionId: string): string[] {
  return section === 'institution' ? ['/', 'institution', 'rectification', 'decision', decisionId] : ['/', section, 'findings', 'decision', decisionId];
}

export function disputeLink(section: FindingsSection, disputeId: string): string[] {
  return ['/', section, 'disputes', disputeId];
}

/** A click on a list row opens the item, unless it was on a control inside the row. */
export function rowOpens(event: Event): boolean {
  const target = event.target as HTMLElement | null;
  return !target?.closest('a, button, label, input, select, textarea');
}

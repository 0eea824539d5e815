import type { DecisionView, FindingView, LeadDetail, MeView } from '../core/api-types.generated';
import type { MaterialDraft } from './transfer-rules';
import type { TransferSource } from './transfers-api';

// What a transfer starts from (移交来源): a confirmed finding, an effective handling decision or a lead
// the agency holds. Which of them offer the action (the backend's rules: only an agency sends, to the
// bureau of its own region), and what the form starts with.

const AGENCY_ROLES = ['city_agency_staff', 'county_staff'];
const CONFIRMED: readonly FindingView['status'][] = ['confirmed', 'deemed_confirmed', 'decided'];
const EFFECTIVE: readonly DecisionView['status'][] = ['effective', 'rectifying', 'rectification_submitted', 'closed'];
const LEAD_WORKED: readonly LeadDetail['status'][] = ['investigating', 'closed', 'reported', 'accepted'];

/** Agency staff of the handling agency itself. */
function agencyStaff(me: MeView | null, agencyId: string | null): boolean {
  return !!me && me.organization.kind === 'agency' && me.roles.some((r) => AGENCY_ROLES.includes(r)) && (agencyId === null || me.organization.id === agencyId);
}

export function mayTransferFinding(me: MeView | null, f: Pick<FindingView, 'status' | 'handlingAgencyId'>): boolean {
  return agencyStaff(me, f.handlingAgencyId) && CONFIRMED.includes(f.status);
}

export function mayTransferDecision(me: MeView | null, d: Pick<DecisionView, 'status' | 'agencyId'>): boolean {
  return agencyStaff(me, d.agencyId) && EFFECTIVE.includes(d.status);
}

/** A lead the agency holds, with an institution to name, once it is being (or was) investigated. */
export function mayTransferLead(me: MeView | null, l: Pick<LeadDetail, 'status' | 'holder' | 'institution'>): boolean {
  return agencyStaff(me, l.holder.id) && !!l.institution && LEAD_WORKED.includes(l.status);
}

/** The link to the transfer form from a source's page, in the user's section. */
export function transferFormLink(section: string, sourceKind: TransferSource, sourceId: string): { path: string[]; query: Record<string, string> } {
  return { path: ['/', section, 'transfers', 'new'], query: { sourceKind, sourceId } };
}

/** What the form starts with. */
export interface TransferPrefill {
  institution: { id: string; name: string };
  subject: string;
  facts: string;
  amount: string;
  materials: MaterialDraft[];
}

const yuan = (n: number | string | null | undefined) => (n === null || n === undefined || n === '' ? '' : Number(n).toFixed(2));

export function prefillFromFinding(f: FindingView): TransferPrefill {
  return {
    institution: { id: f.institution.id, name: f.institution.name },
    subject: f.type,
    facts: f.description,
    amount: yuan(f.amount),
    materials: [
      { kind: 'inspection_record', title: '检查记录', ref: f.sourceId },
      { kind: 'finding', title: `问题认定：${f.type}`, ref: f.id },
      ...f.attachmentIds.map((id, i): MaterialDraft => ({ kind: 'evidence', title: `证据材料 ${i + 1}`, ref: id })),
      ...(f.decisionId ? [{ kind: 'decision', title: '处理决定书', ref: f.decisionId } as MaterialDraft] : []),
    ],
  };
}

export function prefillFromDecision(d: DecisionView): TransferPrefill {
  return {
    institution: { id: d.institution.id, name: d.institution.name },
    subject: '',
    facts: d.basis,
    amount: '',
    materials: [
      { kind: 'decision', title: '处理决定书', ref: d.id },
      ...d.findingIds.map((id, i): MaterialDraft => ({ kind: 'finding', title: `问题认定 ${i + 1}`, ref: id })),
    ],
  };
}

export function prefillFromLead(l: LeadDetail): TransferPrefill | null {
  if (!l.institution) return null;
  return {
    institution: { id: l.institution.id, name: l.institution.name },
    subject: l.subject,
    facts: l.facts,
    amount: yuan(l.confirmedAmount ?? l.amountInvolved),
    materials: [
      { kind: 'other', title: `线索登记（台账第 ${l.ledgerNo} 号）`, ref: l.id },
      ...(l.inspectionId ? [{ kind: 'inspection_record', title: '检查记录', ref: l.inspectionId } as MaterialDraft] : []),
    ],
  };
}

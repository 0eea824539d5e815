import type { TranslationKey } from '../i18n/dictionaries';
import type { CaseDetail } from './enforcement-api';

// The steps of an enforcement case as the detail page offers them: which `can` flag shows each, its
// fields and how the form's values become the step's request body (the backend decides again).

export type FieldKind = 'text' | 'textarea' | 'lines' | 'officers' | 'bool' | 'int';
export interface StepField { name: string; kind: FieldKind; label: TranslationKey }
export interface CaseStep {
  step: string;
  can: keyof CaseDetail['can'];
  fields: readonly StepField[];
  /** A step decided by approving or refusing (two buttons) rather than one submit. */
  decision?: boolean;
}

const f = (name: string, kind: FieldKind = 'text', label = name): StepField => ({ name, kind, label: `enforcement.field.${label}` as TranslationKey });
const docs = f('attachmentIds', 'lines');

export const CASE_STEPS: readonly CaseStep[] = [
  { step: 'approve-filing', can: 'approveFiling', fields: [f('comment')], decision: true },
  { step: 'officers', can: 'assignOfficers', fields: [f('officers', 'officers')] },
  { step: 'records', can: 'addRecord', fields: [f('kind'), f('title'), f('summary', 'textarea'), docs] },
  { step: 'notice', can: 'notify', fields: [f('proposedPenalty'), f('proposedRecovery'), f('legalBasis', 'textarea')] },
  { step: 'statement', can: 'recordStatement', fields: [f('statement', 'textarea'), f('defence', 'textarea'), f('hearingRequested', 'bool'), docs] },
  { step: 'legal-review', can: 'reviewLegality', fields: [f('opinion', 'textarea')], decision: true },
  { step: 'deliberation', can: 'deliberate', fields: [f('participants', 'lines'), f('minutes', 'textarea'), f('conclusion'), docs] },
  { step: 'decision', can: 'decide', fields: [f('penaltyAmount'), f('recoveryAmount'), f('legalBasis', 'textarea'), f('summary', 'textarea'), docs] },
  { step: 'service', can: 'serve', fields: [f('method'), f('recipient'), f('servedOn'), docs] },
  { step: 'publication', can: 'publish', fields: [] },
  { step: 'execution', can: 'recordExecution', fields: [f('paidAmount'), f('note'), docs] },
  { step: 'remedy', can: 'recordRemedy', fields: [f('kind', 'text', 'remedyKind'), f('outcome', 'textarea'), docs] },
  { step: 'extension', can: 'extend', fields: [f('days', 'int'), f('reason')] },
  { step: 'closure', can: 'close', fields: [f('summary', 'textarea')] },
];

const lines = (v: unknown) => (typeof v === 'string' ? v.split('\n').map((l) => l.trim()).filter(Boolean) : []);

/**
 * The request body of a step from the form's values (`approve` for the two-button steps); the officers
 * are chosen among the case's `candidates` (the people of its bureau) by their user ids.
 */
export function stepBody(step: CaseStep, values: Record<string, unknown>, approve?: boolean, candidates: readonly CaseDetail['officerCandidates'][number][] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of step.fields) {
    const v = values[field.name];
    switch (field.kind) {
      case 'bool': body[field.name] = v === true; break;
      case 'int': if (v !== undefined && v !== '') body[field.name] = Number(v); break;
      case 'lines': { const l = lines(v); if (l.length || field.name !== 'attachmentIds') body[field.name] = l; break; }
      case 'officers':
        body[field.name] = (Array.isArray(v) ? v : []).flatMap((id) => candidates.filter((c) => c.userId === id).map((c) => ({ userId: c.userId, name: c.name })));
        break;
      default: if (typeof v === 'string' && v.trim()) body[field.name] = v.trim();
    }
  }
  if (step.decision) body['approve'] = approve === true;
  return body;
}

/** The timeline's actions the dictionaries name (enforcement.action.*); another action is shown as the backend wrote it. */
const CASE_ACTIONS = [
  'proposed', 'rejected', 'filed', 'officers_assigned', 'record_interview', 'record_evidence', 'record_inquiry', 'record_inspection', 'notified',
  'statement', 'legal_review_approved', 'legal_review_refused', 'deliberated', 'decided', 'served', 'published', 'execution', 'reconsideration',
  'litigation', 'extended', 'closed', 'overdue',
] as const;

/** The dictionary key of a timeline action (全过程记录), or null for one the dictionaries do not know. */
export function caseActionKey(action: string): TranslationKey | null {
  return (CASE_ACTIONS as readonly string[]).includes(action) ? (`enforcement.action.${action}` as TranslationKey) : null;
}

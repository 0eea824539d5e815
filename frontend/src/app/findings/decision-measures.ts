import type { TranslationKey } from '../i18n/dictionaries';
import type { Measure, MeasureKind } from './findings-api';

// The measures editor of a handling decision as pure functions: the draft rows the form edits,
// what each kind needs, and the body POST /decisions takes.

/** Yuan: more than 0, at most 2 decimals (numeric(14,2)). */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A total amount above this makes a decision major (MAJOR_AMOUNT, 100,000 yuan by default). */
export const MAJOR_AMOUNT = 100_000;

export interface MeasureDraft {
  kind: MeasureKind;
  amount: string;
  clinicianName: string;
  rectificationDue: string;
}

export type MeasureField = 'amount' | 'clinicianName' | 'rectificationDue';

export interface MeasureProblem {
  field: MeasureField;
  key: TranslationKey;
}

const FIELDS: Record<MeasureKind, readonly MeasureField[]> = {
  talk: [],
  refuse_payment: ['amount'],
  suspend_settlement: ['rectificationDue'],
  terminate_agreement: [],
  clinician_admonition: ['clinicianName'],
  clinician_talk: ['clinicianName'],
  clinician_suspend_realtime: ['clinicianName', 'rectificationDue'],
  clinician_refuse_payment: ['clinicianName', 'amount'],
};

/** The fields a kind of measure takes, in form order. */
export function fieldsOf(kind: MeasureKind): readonly MeasureField[] {
  return FIELDS[kind];
}

export function measureDraft(kind: MeasureKind = 'talk', defaults: Partial<Omit<MeasureDraft, 'kind'>> = {}): MeasureDraft {
  return { kind, amount: '', clinicianName: '', rectificationDue: '', ...defaults };
}

/** The amount typed, as a number, or null when it is not > 0 with at most 2 decimals. */
export function parseMeasureAmount(text: string): number | null {
  const value = text.trim();
  if (!AMOUNT.test(value)) return null;
  const amount = Number(value);
  return amount > 0 ? amount : null;
}

/** What is wrong with a row; `today` ('YYYY-MM-DD', China) bounds the rectification due date. */
export function measureProblems(draft: MeasureDraft, today: string): MeasureProblem[] {
  const problems: MeasureProblem[] = [];
  for (const field of FIELDS[draft.kind]) {
    if (field === 'amount' && parseMeasureAmount(draft.amount) === null) {
      problems.push({ field, key: draft.amount.trim() ? 'decision.form.amountInvalid' : 'decision.form.amountRequired' });
    }
    if (field === 'clinicianName' && !draft.clinicianName.trim()) problems.push({ field, key: 'decision.form.clinicianRequired' });
    if (field === 'rectificationDue') {
      const due = draft.rectificationDue.trim();
      if (!DATE.test(due)) problems.push({ field, key: 'decision.form.dueRequired' });
      else if (due <= today) problems.push({ field, key: 'decision.form.dueFuture' });
    }
  }
  return problems;
}

/** The measure of a valid row, with only the fields of its kind. */
export function measureOf(draft: MeasureDraft): Measure {
  const amount = parseMeasureAmount(draft.amount) ?? 0;
  const clinicianName = draft.clinicianName.trim();
  const rectificationDue = draft.rectificationDue.trim();
  switch (draft.kind) {
    case 'talk':
    case 'terminate_agreement':
      return { kind: draft.kind };
    case 'refuse_payment':
      return { kind: draft.kind, amount };
    case 'suspend_settlement':
      return { kind: draft.kind, rectificationDue };
    case 'clinician_admonition':
    case 'clinician_talk':
      return { kind: draft.kind, clinicianName };
    case 'clinician_suspend_realtime':
      return { kind: draft.kind, clinicianName, rectificationDue };
    case 'clinician_refuse_payment':
      return { kind: draft.kind, clinicianName, amount };
  }
}

/** The measures, or the problems per row and overall. */
export function buildMeasures(
  drafts: readonly MeasureDraft[],
  today: string,
): { measures: Measure[] } | { rows: MeasureProblem[][]; none: boolean } {
  const rows = drafts.map((d) => measureProblems(d, today));
  if (!drafts.length || rows.some((r) => r.length)) return { rows, none: !drafts.length };
  return { measures: drafts.map(measureOf) };
}

/** Termination, a suspension or a total amount above MAJOR_AMOUNT: the decision waits for a legal review. */
export function isMajor(measures: readonly Measure[]): boolean {
  const total = measures.reduce((sum, m) => sum + ('amount' in m ? m.amount : 0), 0);
  return measures.some((m) => m.kind === 'terminate_agreement' || m.kind === 'suspend_settlement' || m.kind === 'clinician_suspend_realtime') || total > MAJOR_AMOUNT;
}

import type { TranslationKey } from '../i18n/dictionaries';
import { MANUAL_FIELDS, type ManualField, type MonthlyReportManual } from './monthly-reports-api';
import { amountInputText } from '../core/money';

// The county's part of the monthly report as pure functions: the text the form edits, what is
// wrong with it, and the body PUT /api/monthly-reports/:id takes. The backend checks the same
// (integers ≥ 0, yuan ≥ 0 with at most 2 decimals, remarks ≤ 2000 characters) and answers 400 with
// the field; its message is then shown at that field.

export type ManualDraft = Record<ManualField, string>;

export const REMARKS_MAX = 2000;
/** Counts: whole numbers ≥ 0 (within an int column). */
const COUNT = /^\d{1,9}$/;
/** Yuan: ≥ 0, at most 2 decimals, within numeric(14,2). */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

const AMOUNT_FIELDS: ReadonlySet<ManualField> = new Set<ManualField>(['otherRecovered']);

export function isAmountField(field: ManualField): boolean {
  return AMOUNT_FIELDS.has(field);
}

const amountText = amountInputText;

/** The form's text of the saved figures (a figure never saved shows blank rather than a 0 nobody typed). */
export function manualDraftOf(manual: Partial<MonthlyReportManual> | null | undefined): ManualDraft {
  const draft = {} as ManualDraft;
  for (const field of MANUAL_FIELDS) {
    const value = manual?.[field];
    if (field === 'remarks') draft.remarks = typeof value === 'string' ? value : '';
    else draft[field] = typeof value === 'number' && Number.isFinite(value) ? (isAmountField(field) ? amountText(value) : String(value)) : '';
  }
  return draft;
}

/** What is wrong with one field; `attempted` makes blanks an error (a count of none is 0). */
export function manualProblem(field: ManualField, text: string, attempted: boolean): TranslationKey | null {
  if (field === 'remarks') return text.length > REMARKS_MAX ? 'monthlyReport.form.remarksTooLong' : null;
  const value = text.trim();
  if (!value) return attempted ? 'monthlyReport.form.required' : null;
  if (isAmountField(field)) return AMOUNT.test(value) ? null : 'monthlyReport.form.amountInvalid';
  return COUNT.test(value) ? null : 'monthlyReport.form.countInvalid';
}

/** Every field's problem, in form order (null when fine). */
export function manualProblems(draft: ManualDraft, attempted: boolean): Record<ManualField, TranslationKey | null> {
  const problems = {} as Record<ManualField, TranslationKey | null>;
  for (const field of MANUAL_FIELDS) problems[field] = manualProblem(field, draft[field], attempted);
  return problems;
}

/** The body of a complete, well-formed draft (callers check manualProblems first). */
export function manualOf(draft: ManualDraft): MonthlyReportManual {
  return {
    transferredToPolice: Number(draft.transferredToPolice.trim()),
    otherRecovered: Number(draft.otherRecovered.trim()),
    publicExposures: Number(draft.publicExposures.trim()),
    remarks: draft.remarks.trim(),
  };
}

/** The manual field an API error names (`publicExposures` or `manual.publicExposures`), if any. */
export function manualFieldOf(field: unknown): ManualField | null {
  if (typeof field !== 'string') return null;
  const name = field.startsWith('manual.') ? field.slice('manual.'.length) : field;
  return (MANUAL_FIELDS as readonly string[]).includes(name) ? (name as ManualField) : null;
}

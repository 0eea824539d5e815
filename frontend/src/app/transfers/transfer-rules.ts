import type { TranslationKey } from '../i18n/dictionaries';
import type { MaterialKind, TransferMaterial } from './transfers-api';

// The forms' checks, before anything is sent: each bad field gets its own bilingual message
// (the backend checks the same again and answers with its own codes).

const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A material row while it is edited (the blank one included). */
export interface MaterialDraft {
  kind: MaterialKind | null;
  title: string;
  ref: string;
}

export type FieldErrors = Partial<Record<string, TranslationKey>>;

export const blankMaterial = (): MaterialDraft => ({ kind: null, title: '', ref: '' });

/** The rows the user filled in (fully blank rows are dropped); null when a row is half filled or too long. */
export function materialsOf(drafts: readonly MaterialDraft[]): TransferMaterial[] | null {
  const out: TransferMaterial[] = [];
  for (const d of drafts) {
    const title = d.title.trim();
    const ref = d.ref.trim();
    if (!d.kind && !title && !ref) continue;
    if (!d.kind || !title || !ref || title.length > 200 || ref.length > 200) return null;
    out.push({ kind: d.kind, title, ref });
  }
  return out;
}

/** The amount as the API takes it: a decimal yuan string, or null when left empty; undefined when malformed. */
export function amountOf(text: string | null | undefined): string | null | undefined {
  const s = (text ?? '').trim().replace(/[,，]/g, '');
  if (!s) return null;
  return AMOUNT.test(s) ? s : undefined;
}

export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value);
}

const blank = (s: string | null | undefined) => !(s ?? '').trim();

export interface TransferDraft {
  subject: string;
  facts: string;
  amount: string;
  materials: readonly MaterialDraft[];
}

/** The transfer form's errors (none: it may be sent). */
export function transferErrors(d: TransferDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(d.subject) || d.subject.trim().length > 200) errors['subject'] = 'transfers.error.subject';
  if (blank(d.facts) || d.facts.trim().length > 4000) errors['facts'] = 'transfers.error.facts';
  if (amountOf(d.amount) === undefined) errors['amount'] = 'transfers.error.amount';
  const materials = materialsOf(d.materials);
  if (!materials?.length) errors['materials'] = 'transfers.error.materials';
  return errors;
}

export interface OutwardDraft {
  recipientKind: string | null;
  recipientName: string;
  noticeDate: string | null;
  amount: string;
  materials: readonly MaterialDraft[];
}

/** The outward form's errors; `today` is the China day (the notice cannot be in the future). */
export function outwardErrors(d: OutwardDraft, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.recipientKind) errors['recipientKind'] = 'transfers.error.recipientKind';
  if (blank(d.recipientName) || d.recipientName.trim().length > 200) errors['recipientName'] = 'transfers.error.recipientName';
  if (!isDay(d.noticeDate) || d.noticeDate > today) errors['noticeDate'] = 'transfers.error.noticeDate';
  if (amountOf(d.amount) === undefined) errors['amount'] = 'transfers.error.amount';
  if (!materialsOf(d.materials)?.length) errors['materials'] = 'transfers.error.materials';
  return errors;
}

/** The bureau's request for a supplement: a reason and a deadline after today. */
export function supplementRequestErrors(reason: string, dueDate: string | null, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(reason)) errors['reason'] = 'transfers.error.reason';
  if (!isDay(dueDate) || dueDate <= today) errors['dueDate'] = 'transfers.error.dueDate';
  return errors;
}

/** A recorded receipt or result day: not in the future, not before the notice. */
export function dayErrors(day: string | null, noticeDate: string, today: string): boolean {
  return !isDay(day) || day > today || day < noticeDate;
}

export const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

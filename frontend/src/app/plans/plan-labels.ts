import type { TranslationKey } from '../i18n/dictionaries';
import type { TranslationService } from '../i18n/translation';
import { FOCUS_AREAS, type FocusAreaCode, STANDARD_TARGETS } from './plans-api';

/** A standard target by its translated name, a custom one by its label (or a placeholder). */
export function targetLabelOf(i18n: TranslationService, code: string, label: string): string {
  if (STANDARD_TARGETS.some((t) => t.code === code)) return i18n.t(`plans.target.${code}` as TranslationKey);
  return label.trim() || i18n.t('plans.form.unnamedTarget');
}

/** A standard focus area by its translated label; free text as typed. */
export function focusAreaLabelOf(i18n: TranslationService, value: string): string {
  return FOCUS_AREAS.includes(value as FocusAreaCode) ? i18n.t(`plans.focus.${value as FocusAreaCode}`) : value;
}

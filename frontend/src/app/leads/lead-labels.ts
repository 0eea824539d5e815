import type { TranslationKey } from '../i18n/dictionaries';
import type { LeadResult, LeadSource, LeadStatus } from './leads-api';

export const leadStatusKey = (s: LeadStatus) => `leads.status.${s}` as TranslationKey;
export const leadSourceKey = (s: LeadSource) => `leads.source.${s}` as TranslationKey;
export const leadResultKey = (r: LeadResult) => `leads.result.${r}` as TranslationKey;

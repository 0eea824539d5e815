import type { TranslationKey } from '../i18n/dictionaries';
import type { FlightInspectionStatus } from './flight-inspections-api';

export const flightStatusKey = (s: FlightInspectionStatus): TranslationKey => `flight.status.${s}` as TranslationKey;
export const inspectionStatusKey = (s: string): TranslationKey => `flight.detail.inspectionStatus.${s}` as TranslationKey;
/** A lead's status in the leads pages' words (leads.dictionary.ts). */
export const leadStatusKey = (s: string): TranslationKey => `leads.status.${s}` as TranslationKey;

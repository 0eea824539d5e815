import type { TranslationKey } from '../i18n/dictionaries';
import type { NewFlightInspection } from './flight-inspections-api';

/** What the form holds (strings as typed; the secrets one per line). */
export interface FlightDraft {
  title: string;
  provinceCode: string;
  institutionIds: string[];
  startDate: string | null;
  endDate: string | null;
  teamSize: number;
  secrets: string;
  beacon: string;
}

/** The secrets as sent: one per line, trimmed, empty lines dropped. */
export function secretsOf(text: string): string[] {
  return text.split('\n').map((s) => s.trim()).filter(Boolean);
}

/**
 * The form's own checks before anything is sent (the API checks the same and more, bilingually):
 * null when the draft may be sent, else the message to show.
 */
export function flightDraftError(d: FlightDraft): TranslationKey | null {
  if (!d.title.trim() || !d.provinceCode || !d.institutionIds.length || !d.startDate || !d.endDate) return 'flight.form.required';
  if (d.endDate < d.startDate) return 'flight.form.datesInvalid';
  const secrets = secretsOf(d.secrets);
  if (!secrets.length || secrets.length > 5 || secrets.some((s) => s.length < 8) || new Set(secrets).size !== secrets.length) return 'flight.form.secretsInvalid';
  return null;
}

export function flightBody(d: FlightDraft): NewFlightInspection {
  return {
    title: d.title.trim(), provinceCode: d.provinceCode, institutionIds: [...d.institutionIds], startDate: d.startDate!, endDate: d.endDate!,
    teamSize: d.teamSize, witnessSecrets: secretsOf(d.secrets), ...(d.beacon.trim() ? { beacon: d.beacon.trim() } : {}),
  };
}

/** The chosen province's institutions among those loaded (none before a province is chosen). */
export function institutionsOf<T extends { regionPath: string }>(all: readonly T[], provinceCode: string): T[] {
  return provinceCode ? all.filter((i) => i.regionPath.startsWith(`/${provinceCode}/`)) : [];
}

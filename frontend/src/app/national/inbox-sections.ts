import { InjectionToken, type Type } from '@angular/core';
import type { TranslationKey } from '../i18n/dictionaries';

/**
 * Further sections of the national bureau's inbox (/national), shown after the built ones in this
 * order: each a standalone component without inputs that loads its own data (e.g. the flight
 * inspections, 飞行检查, issue 18, built by their own feature).
 */
export interface InboxSection {
  readonly id: string;
  readonly titleKey: TranslationKey;
  readonly load: () => Promise<Type<unknown>>;
}

export const NATIONAL_INBOX_SECTIONS: readonly InboxSection[] = [
  // 飞行检查 (flight-inspections/): the newest flight inspections per province and the follow-up to the end.
  { id: 'flight-inspections', titleKey: 'feature.flightInspections', load: () => import('../flight-inspections/flight-inbox-section').then((m) => m.FlightInboxSection) },
];

/** The sections the inbox shows (a token, so that a page test can give its own). */
export const INBOX_SECTIONS = new InjectionToken<readonly InboxSection[]>('INBOX_SECTIONS', { providedIn: 'root', factory: () => NATIONAL_INBOX_SECTIONS });

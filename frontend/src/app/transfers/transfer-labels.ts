import type { TranslationKey } from '../i18n/dictionaries';

// The transfers' translation keys of the API's codes.

export const transferStatusKey = (status: string) => `transfers.status.${status}` as TranslationKey;
export const transferSourceKey = (kind: string) => `transfers.source.${kind}` as TranslationKey;
export const transferActionKey = (action: string) => `transfers.history.${action}` as TranslationKey;
export const recipientKey = (kind: string) => `transfers.outward.recipient.${kind}` as TranslationKey;
export const outwardStatusKey = (status: string) => `transfers.outward.status.${status}` as TranslationKey;

/** The link to a transfer's source (resource links of app.routes.ts: /findings/<id>, /decisions/<id>, /leads/<id>). */
export const sourceLink = (kind: string, id: string) => ['/', kind === 'finding' ? 'findings' : kind === 'decision' ? 'decisions' : 'leads', id];

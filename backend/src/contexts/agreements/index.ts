// The agreements context's public entry: what other contexts may use.
export { ServiceAgreements } from './infrastructure/agreements.repository.js';
export type { AgreementStatus, ServiceAgreementHolder } from './domain/service-agreement.js';

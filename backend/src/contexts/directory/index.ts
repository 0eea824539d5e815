// The directory context's public entry: what other contexts may use.
export { OrganizationDirectory, type OrganizationRef, type PersonRef } from './application/organization-directory.js';
export type { InstitutionLevel, InstitutionType } from './domain/organization.js';

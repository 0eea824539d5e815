import type { Role } from './models';

// Who uses each menu section in full and who reads it only (the national overseer reads the province's):
// the one table the shell's menu and the feature pages both read, so that a page asks "is my section
// read-only?" without importing the shell (which lazily imports the pages: ADR 0012, no cycles).

export type SectionId = 'province' | 'local' | 'institution' | 'leader';

export const SECTION_ROLES: Record<SectionId, { readonly roles: readonly Role[]; readonly readOnlyRoles: readonly Role[] }> = {
  province: { roles: ['province_official'], readOnlyRoles: ['national_overseer'] },
  local: { roles: ['city_agency_staff', 'county_staff'], readOnlyRoles: [] },
  institution: { roles: ['institution_clerk'], readOnlyRoles: [] },
  leader: { roles: ['leader', 'national_overseer'], readOnlyRoles: [] },
};

/** Whether the user reads the section only: no role using it in full (also when the user has no access to it at all). */
export function sectionReadOnly(roles: readonly Role[], sectionId: string): boolean {
  const section = SECTION_ROLES[sectionId as SectionId];
  return !section || !section.roles.some((r) => roles.includes(r));
}

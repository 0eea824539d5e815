import type { Me, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { labelTable } from '../i18n/label-table';

// Who sees which spot-check page, by the menu section it is opened from. The backend enforces the
// same (the province runs draws and inspections; the national overseer reads everything; cities,
// counties and leaders read the province's spot-check headers and their own subtree's inspections
// and coverage); this only decides what to offer. Institutions get their results elsewhere (findings
// to confirm).

export type SpotCheckSection = 'province' | 'local' | 'leader';
export type SpotCheckPage = 'list' | 'inspections' | 'coverage' | 'verify';

export const SPOT_CHECK_PAGE_LABELS: Record<SpotCheckPage, TranslationKey> = labelTable('spotCheck.nav', ['list', 'inspections', 'coverage', 'verify']);

type SpotCheckUser = Pick<Me, 'roles'> | null;
type OrganizationUser = Pick<Me, 'roles' | 'organization'> | null;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));
const ALL_PAGES: readonly SpotCheckPage[] = ['list', 'inspections', 'coverage', 'verify'];

/** In menu order; the first one is where the section's 抽查 entry lands. */
export function spotCheckPagesFor(me: SpotCheckUser, section: SpotCheckSection): SpotCheckPage[] {
  if (!me) return [];
  switch (section) {
    case 'province':
      return has(me.roles, 'province_official', 'national_overseer') ? [...ALL_PAGES] : [];
    case 'local':
      return has(me.roles, 'city_agency_staff', 'county_staff') ? [...ALL_PAGES] : [];
    case 'leader':
      return has(me.roles, 'leader') ? [...ALL_PAGES] : [];
  }
}

/** Creating spot-checks, the commit–reveal ceremony and recording inspections: the province official. */
export function canRunSpotChecks(me: SpotCheckUser, section: SpotCheckSection): boolean {
  return section === 'province' && me !== null && has(me.roles, 'province_official');
}

/** Staff of a handling agency (稽核): they schedule, record and send their agency's own inspections (issue 13). */
export function isAgencyStaff(me: OrganizationUser): boolean {
  return me !== null && me.organization.kind === 'agency' && has(me.roles, 'city_agency_staff', 'county_staff');
}

/**
 * Who records and sends an inspection from this section: the province official for a spot-check's
 * inspection (province section), the inspecting agency's staff for the agency's own (local section),
 * the national overseer for a flight inspection's (飞行检查; recorded only: its results go to the
 * province as leads, never sent to the institution).
 */
export function canRunInspection(
  me: OrganizationUser, section: SpotCheckSection, inspection: { origin: 'spot_check' | 'agency' | 'flight'; agency: { id: string } | null },
): boolean {
  if (inspection.origin === 'flight') return section === 'province' && me !== null && me.organization.kind === 'bureau' && has(me.roles, 'national_overseer');
  if (inspection.origin === 'agency') {
    return section === 'local' && isAgencyStaff(me) && inspection.agency !== null && inspection.agency.id === me!.organization.id;
  }
  return canRunSpotChecks(me, section);
}

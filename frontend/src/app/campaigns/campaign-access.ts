import type { Me, Role } from '../core/models';

// Who may do what with special campaigns, by the menu section the pages are opened from. The
// backend enforces the same (province creates and assigns; cities, counties and leaders read their
// subtree; institutions only their own self-inspection tasks); this only decides what to offer.

export type CampaignSection = 'province' | 'local' | 'leader';
/** The self-inspection task page is also opened from the institution section. */
export type TaskSection = CampaignSection | 'institution';

type CampaignUser = Pick<Me, 'roles'> | null;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/** Create, edit, assign (下发) and file the summary: the province official, in the province section. */
export function canManageCampaigns(me: CampaignUser, section: TaskSection): boolean {
  return section === 'province' && me !== null && has(me.roles, 'province_official');
}

/** The summary report (PDF, Excel): province, national overseer and leaders. */
export function canDownloadSummary(me: CampaignUser, section: TaskSection): boolean {
  return (section === 'province' || section === 'leader') && me !== null && has(me.roles, 'province_official', 'national_overseer', 'leader');
}

/** The institution's own task, to fill in and submit. */
export function isInstitutionUser(me: CampaignUser, section: TaskSection): boolean {
  return section === 'institution' && me !== null && has(me.roles, 'institution_clerk');
}

type AgencyUser = Pick<Me, 'roles' | 'organization'> | null;

/**
 * A handling agency's user (city or county 经办机构) in the local section: files its region's own
 * self-inspection report and reviews the reports of the institutions it handles. Bureau staff of the
 * same section read both.
 */
export function isAgencyUser(me: AgencyUser, section: TaskSection): boolean {
  return section === 'local' && me !== null && me.organization.kind === 'agency' && has(me.roles, 'city_agency_staff', 'county_staff');
}

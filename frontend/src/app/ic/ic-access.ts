import type { AuditSummary, Me, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { labelTable } from '../i18n/label-table';

// Who sees which internal-control-audit page, by the menu section it is opened from. The backend
// enforces the same (province plans and audits, each agency only its own audits, city bureaus and
// leaders read-only over their subtree); this only decides what to offer.

export type IcSection = 'province' | 'local' | 'leader';
export type IcPage = 'programme' | 'plan' | 'checklist' | 'mine' | 'list';

export const IC_PAGE_LABELS: Record<IcPage, TranslationKey> = labelTable('ic.nav', ['programme', 'plan', 'checklist', 'mine', 'list']);

type IcUser = Pick<Me, 'roles' | 'organization'> | null;

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/** Agency staff whose organization is the handling agency itself (not a bureau). */
export function isAgencyUser(me: IcUser): boolean {
  return me !== null && me.organization.kind === 'agency' && has(me.roles, 'city_agency_staff', 'county_staff');
}

/** City bureau staff (`city_agency_staff` of `bureau-<city>`): read-only over their city's agencies. */
export function isCityBureauUser(me: IcUser): boolean {
  return me !== null && me.organization.kind === 'bureau' && has(me.roles, 'city_agency_staff');
}

/** In menu order; the first one is where the section's 内控检查 entry lands. */
export function icPagesFor(me: IcUser, section: IcSection): IcPage[] {
  if (!me) return [];
  switch (section) {
    case 'province':
      if (has(me.roles, 'province_official')) return ['programme', 'plan', 'checklist'];
      if (has(me.roles, 'national_overseer')) return ['programme', 'plan'];
      return [];
    case 'local':
      if (isAgencyUser(me)) return ['mine'];
      if (isCityBureauUser(me)) return ['programme', 'list'];
      return [];
    case 'leader':
      return has(me.roles, 'leader') ? ['programme', 'list'] : [];
  }
}

/** Plans, checklist, fieldwork, findings and verification are the province official's, in the province section. */
export function canRunAudits(me: IcUser, section: IcSection): boolean {
  return section === 'province' && me !== null && has(me.roles, 'province_official');
}

/** The audited agency answers the self-assessment, enters its staff posts and rectifies. */
export function isAuditedAgency(me: IcUser, audit: Pick<AuditSummary, 'agency'>): boolean {
  return isAgencyUser(me) && me!.organization.id === audit.agency.id;
}

import type { OrganizationKind, Role } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { NAV_SECTIONS, type SectionId, canSeeItem, pathOf } from '../shell/navigation';

/** A home-page card: one thing this role will do in the suite, linking to where it will live. */
export interface RoleCard {
  readonly id: string;
  readonly titleKey: TranslationKey;
  readonly descriptionKey: TranslationKey;
  readonly icon: string;
  readonly path: string;
  /** False while the entry still opens the "coming soon" page. */
  readonly ready: boolean;
}

type CardSpec = [section: SectionId, item: string, description: TranslationKey];

const CARDS_BY_ROLE: Record<Role, readonly CardSpec[]> = {
  province_official: [
    ['province', 'annual-plans', 'card.province.annualPlans'],
    ['province', 'campaigns', 'card.province.campaigns'],
    ['province', 'spot-checks', 'card.province.spotChecks'],
    ['province', 'disputes', 'card.province.disputes'],
    ['province', 'audits', 'card.province.audits'],
  ],
  national_overseer: [
    ['province', 'campaigns', 'card.overseer.province'],
    ['leader', 'dashboards', 'card.overseer.dashboards'],
  ],
  city_agency_staff: [
    ['local', 'annual-plans', 'card.city.annualPlans'],
    ['local', 'spot-checks', 'card.city.spotChecks'],
    ['local', 'findings', 'card.city.findings'],
    ['local', 'disputes', 'card.city.disputes'],
    ['local', 'monthly-reports', 'card.city.monthlyReports'],
  ],
  county_staff: [
    ['local', 'annual-plans', 'card.county.annualPlans'],
    ['local', 'spot-checks', 'card.county.spotChecks'],
    ['local', 'findings', 'card.county.findings'],
    ['local', 'monthly-reports', 'card.county.monthlyReports'],
  ],
  institution_clerk: [
    ['institution', 'findings', 'card.institution.findings'],
    ['institution', 'self-inspection', 'card.institution.selfInspection'],
    ['institution', 'rectification', 'card.institution.rectification'],
    ['institution', 'disputes', 'card.institution.disputes'],
    ['institution', 'document-requests', 'card.institution.documentRequests'],
  ],
  leader: [
    ['leader', 'dashboards', 'card.leader.dashboards'],
    ['leader', 'monthly-reports', 'card.leader.monthlyReports'],
    ['leader', 'annual-plans', 'card.leader.annualPlans'],
  ],
  // A legal reviewer (法制审核) holds the role beside a staff role, whose cards it has; the cases come by their links.
  legal_reviewer: [],
};

/**
 * Cards for all of a user's roles, without repeating a destination. With the organization kind,
 * entries kept for bureau or agency staff (menu rule) are left out for the others.
 */
export function cardsFor(roles: readonly Role[], orgKind?: OrganizationKind | null): RoleCard[] {
  const seen = new Set<string>();
  const cards: RoleCard[] = [];
  for (const role of roles) {
    for (const [sectionId, itemId, descriptionKey] of CARDS_BY_ROLE[role] ?? []) {
      const path = pathOf(sectionId, itemId);
      const item = NAV_SECTIONS.find((s) => s.id === sectionId)?.items.find((i) => i.id === itemId);
      if (!item || seen.has(path)) continue;
      if (orgKind !== undefined && !canSeeItem(roles, item, orgKind)) continue;
      seen.add(path);
      cards.push({
        id: path,
        titleKey: item.labelKey,
        descriptionKey,
        icon: item.icon,
        path,
        ready: item.loadChildren !== undefined,
      });
    }
  }
  return cards;
}

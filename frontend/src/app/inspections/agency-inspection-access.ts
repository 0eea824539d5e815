import type { Me } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { isAgencyStaff } from '../spot-checks/spot-check-access';
import { labelTable } from '../i18n/label-table';

// The agencies' own inspections (issue 13: 日常稽核 / 现场检查 of the institutions whose service
// agreement the agency holds) are run by the staff of a handling agency, in the local section: the
// month's worklist, the agency's inspections, the coverage of its jurisdiction and its agreements.
// The backend enforces the same (the worklist and scheduling answer 403 to anybody else).

export type AgencyInspectionPage = 'worklist' | 'list' | 'coverage' | 'agreements';

export const AGENCY_INSPECTION_PAGE_LABELS: Record<AgencyInspectionPage, TranslationKey> = labelTable('agencyInspection.nav', ['worklist', 'list', 'coverage', 'agreements']);

/** In menu order; the first one is where the menu entry lands. */
export function agencyInspectionPagesFor(me: Pick<Me, 'roles' | 'organization'> | null): AgencyInspectionPage[] {
  return isAgencyStaff(me) ? ['worklist', 'list', 'coverage', 'agreements'] : [];
}

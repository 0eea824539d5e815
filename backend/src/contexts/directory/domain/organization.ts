import type { OrganizationKind } from '../../../kernel/actor.js';

export type InstitutionType = 'hospital' | 'pharmacy' | 'clinic';
export type InstitutionLevel = 'tertiary' | 'secondary' | 'primary' | 'none';

/** A bureau, handling agency or designated institution, attached to one region node. Written only by the seed. */
export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  institutionType: InstitutionType | null;
  institutionLevel: InstitutionLevel | null;
  ownership: 'public' | 'private' | null;
  keySupervision: boolean;
  creditRating: string | null;
  regionCode: string;
  regionPath: string;
}

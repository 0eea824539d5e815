// Wire types of the backend endpoints the shell uses. Kept in one file so that a future shared
// contracts package can replace it without touching components.

export const ROLES = [
  'national_overseer',
  'province_official',
  'city_agency_staff',
  'county_staff',
  'institution_clerk',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export type UserLevel = 'nation' | 'province' | 'city' | 'county' | 'institution';
export type OrganizationKind = 'bureau' | 'agency' | 'institution';

export interface RuntimeConfig {
  oidc: { issuer: string; clientId: string };
  version: string;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  level: UserLevel;
  regionPath: string;
  region: RegionRef & { level: string };
  /** From the province down to the user's own node; empty for national users. */
  regionTrail: RegionRef[];
  organization: { id: string; name: string; kind: OrganizationKind };
}

export interface NotificationItem {
  id: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link?: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
}

/** Error envelope every backend error uses (see backend/src/shared/errors.ts). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: { zh: string; en: string };
    details?: Record<string, unknown>;
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.message?.zh === 'string' &&
    typeof error.message?.en === 'string'
  );
}

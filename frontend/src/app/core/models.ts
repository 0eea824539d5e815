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

export type NoticeStatus = 'sent' | 'acknowledged';
/** Which notices GET /api/notices returns: to, from, or anywhere in the user's region. */
export type NoticeBox = 'received' | 'sent' | 'all';

/** A notice (通知) to be acknowledged (签收) by `dueDate`, a China calendar date. */
export interface NoticeView {
  id: string;
  title: string;
  body: string;
  senderOrgId: string;
  senderOrgName: string;
  recipientOrgId: string;
  recipientOrgName: string;
  /** ISO instant. */
  sentAt: string;
  /** 'YYYY-MM-DD'. */
  dueDate: string;
  status: NoticeStatus;
  /** Set by the backend once the due date passed unacknowledged; stays true after a late 签收. */
  overdue: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface NoticeList {
  items: NoticeView[];
}

export interface SendNoticeRequest {
  recipientOrgId: string;
  title: string;
  body: string;
  workingDays: number;
}

export interface SendNoticeResult {
  id: string;
  dueDate: string;
}

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  institutionType: string | null;
  institutionLevel: string | null;
  regionCode: string;
  regionPath: string;
}

export interface OrganizationPage {
  items: Organization[];
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

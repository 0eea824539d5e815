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

// Annual supervision plans (年度监管方案与工作推进配档表), docs/api/annual-plans.md.

/**
 * A county plan takes the city's two steps (seed 002 一(一)): submitted → forwarded (the city agency's
 * review, 汇总上报) → filed (the city bureau, 备案); a city plan goes from submitted to filed at the province.
 */
export type PlanStatus = 'not_started' | 'draft' | 'submitted' | 'forwarded' | 'returned' | 'filed' | 'closed';
export const PLAN_STATUSES: readonly PlanStatus[] = ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed'];
/** Who acts on a plan waiting at the level above: the city agency, the city bureau, or the province. */
export type PlanReviewStep = 'city_agency' | 'city_bureau' | 'province';

export type PlanTargetUnit = 'percent' | 'count';

export interface PlanTarget {
  /** A STANDARD_TARGETS code, or 'custom-<n>'. */
  code: string;
  label: string;
  unit: PlanTargetUnit;
  /** percent: 0–100; count: integer 0–1,000,000. */
  value: number;
}

export interface PlanResponsiblePerson {
  name: string;
  title: string;
  phone?: string;
}

export interface PlanContent {
  targets: PlanTarget[];
  /** FOCUS_AREAS codes or free text. */
  focusAreas: string[];
  methods: string;
  steps: string;
  responsiblePersons: PlanResponsiblePerson[];
}

export interface ScheduleTask {
  /** Client-chosen, unique within the plan. */
  id: string;
  title: string;
  owner: string;
  /** One of the plan's target codes. */
  targetCode: string;
  /** Exactly 12 whole numbers, January first. */
  monthly: number[];
}

export interface PlanProgressEntry {
  taskId: string;
  month: number;
  doneQuantity: number;
  note: string | null;
  attachmentIds: string[];
}

export type PlanHistoryAction = 'opened' | 'draft' | 'submit' | 'forward' | 'file' | 'return' | 'overdue' | 'close';

export interface PlanHistoryEntry {
  at: string;
  action: PlanHistoryAction;
  by: string;
  comment: string | null;
}

export interface PlanDetail {
  id: string;
  year: number;
  unit: { id: string; name: string; regionCode: string; regionName: string; level: 'city' | 'county' };
  reviewer: { regionCode: string; regionName: string };
  status: PlanStatus;
  overdue: boolean;
  /** 'YYYY-05-15'. */
  deadline: string;
  /** null while not_started. */
  content: PlanContent | null;
  schedule: ScheduleTask[];
  progress: PlanProgressEntry[];
  history: PlanHistoryEntry[];
  /** Who acts on it now (null: it is not waiting at the level above). */
  reviewStep: PlanReviewStep | null;
  submittedAt: string | null;
  /** When the city agency forwarded it to the city bureau (county plans). */
  forwardedAt: string | null;
  filedAt: string | null;
  /** Optimistic-lock version; a stale one gets 409 plan_version_conflict. */
  version: number;
  /**
   * The standard countable targets measured from the handling agency's sent inspections (issue 13
   * §4); empty for plans without them or of non-agency units. Other targets keep typed progress.
   */
  measured: MeasuredTarget[];
}

/** The standard targets the backend measures from the inspections actually sent. */
export type MeasuredTargetCode = 'onsite_checks' | 'provider_coverage';

export interface MeasuredTarget {
  /** 现场检查家次 (the unit's own on-site inspections sent this year) or 现场检查覆盖率. */
  targetCode: MeasuredTargetCode;
  unit: PlanTargetUnit;
  /** The plan's target value. */
  target: number;
  /** count: inspections sent; percent: institutions inspected on site / all, one decimal. */
  value: number;
  /** onsite_checks: 12 numbers by month inspected, January first; null otherwise. */
  byMonth: number[] | null;
  /** provider_coverage: agreement institutions inspected on site / all of them; null otherwise. */
  of: { done: number; total: number } | null;
}

export interface PlanSummary {
  id: string;
  year: number;
  unitId: string;
  unitName: string;
  regionCode: string;
  regionName: string;
  level: 'city' | 'county';
  status: PlanStatus;
  overdue: boolean;
  reviewStep: PlanReviewStep | null;
  submittedAt: string | null;
  forwardedAt: string | null;
  filedAt: string | null;
  /** Monthly quantities of count-target tasks up to the current month. */
  plannedToDate: number;
  /** Reported done quantities of those tasks up to the current month. */
  doneToDate: number;
}

export interface PlanSummaryList {
  items: PlanSummary[];
}

export type PlanStatusCounts = Record<PlanStatus, number> & { overdue: number; units: number };

export interface FilingBoardRow {
  regionCode: string;
  regionName: string;
  level: 'province' | 'city' | 'county';
  /** A region with units below: clicking opens its own board. */
  drillable: boolean;
  statusCounts: PlanStatusCounts;
  plannedToDate: number;
  doneToDate: number;
  /** The region's own unit plan (the city agency's on a city row, the county's on a county row). */
  plan: PlanSummary | null;
}

export interface FilingBoard {
  year: number;
  region: { code: string; name: string; level: 'nation' | 'province' | 'city' };
  totals: PlanStatusCounts;
  rows: FilingBoardRow[];
}

export interface SavePlanDraftRequest {
  content: PlanContent;
  schedule: ScheduleTask[];
  version: number;
}

/** POST /api/attachments: an uploaded evidence file, referenced by id from other resources. */
export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface PlanProgressRequest {
  entries: { taskId: string; doneQuantity: number; note?: string; attachmentIds?: string[] }[];
}

export interface OpenPlanCycleResult {
  year: number;
  plans: number;
}

// Internal control audits of handling agencies (内控检查), docs/api/internal-control-audits.md.

export const AUDIT_STATUSES = ['scheduled', 'self_assessment', 'fieldwork', 'rectification', 'verification', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const CHECKLIST_AREAS = [
  'management_rules',
  'systems',
  'segregation_of_duties',
  'violations_handled',
  'payment_records',
] as const;
export type ChecklistArea = (typeof CHECKLIST_AREAS)[number];
export const ITEM_RESULTS = ['compliant', 'deficient', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
export const POSTS = [
  'payment_review',
  'payment_approval',
  'registration',
  'settlement',
  'fund_accounting',
  'fund_cashier',
  'system_admin',
  'business_operator',
  'audit_supervision',
  'claims_review',
] as const;
export type Post = (typeof POSTS)[number];
export type FindingStatus = 'open' | 'rectification_submitted' | 'verified' | 'rejected';

export interface ChecklistItem {
  code: string;
  area: ChecklistArea;
  text: string;
  guidance: string;
}

export interface Checklist {
  version: number;
  items: ChecklistItem[];
  createdAt: string;
  createdBy: string;
}

export interface AuditAgency {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  level: 'province' | 'city' | 'county';
}

export interface AuditTeamMember {
  inspectorId: string;
  name: string;
  organizationName: string;
}

export interface AuditSummary {
  id: string;
  planId: string;
  followUpOf: string | null;
  agency: AuditAgency;
  status: AuditStatus;
  noticeDate: string;
  selfAssessmentDue: string;
  fieldworkStart: string;
  fieldworkEnd: string;
  team: AuditTeamMember[];
  checklistVersion: number;
  selfAssessmentOverdue: boolean;
  findings: { total: number; open: number; overdue: number };
}

export interface UncoveredAgency {
  id: string;
  name: string;
  regionCode: string;
}

export interface AuditPlan {
  id: string;
  year: number;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: 'draft' | 'published';
  audits: AuditSummary[];
  uncoveredAgencies: UncoveredAgency[];
}

export interface Finding {
  id: string;
  area: ChecklistArea;
  itemCode: string | null;
  source: 'fieldwork' | 'segregation_of_duties';
  description: string;
  rectificationDue: string;
  status: FindingStatus;
  rectification: { plan: string; evidenceAttachmentIds: string[]; submittedAt: string } | null;
  verification: { accepted: boolean; comment: string | null; at: string } | null;
  overdue: boolean;
}

export interface ItemAnswer {
  itemCode: string;
  answer: ItemResult;
  note: string | null;
  attachmentIds: string[];
}

export interface ItemResultEntry {
  itemCode: string;
  result: ItemResult;
  note: string | null;
  attachmentIds: string[];
}

export interface StaffPost {
  personId: string;
  personName: string;
  posts: Post[];
}

export interface AuditDetail extends Omit<AuditSummary, 'findings'> {
  checklist: ChecklistItem[];
  selfAssessment: ItemAnswer[];
  selfAssessmentSubmittedAt: string | null;
  results: ItemResultEntry[];
  staffPosts: StaffPost[];
  findings: Finding[];
  history: { at: string; action: string; by: string; comment: string | null }[];
}

export interface AuditSchedule {
  noticeDate: string;
  selfAssessmentDue: string;
  fieldworkStart: string;
  fieldworkEnd: string;
  teamInspectorIds: string[];
}

export interface NewAuditRequest extends AuditSchedule {
  agencyId: string;
}

export interface NewFinding {
  area: ChecklistArea;
  itemCode?: string;
  description: string;
  rectificationDue: string;
}

export interface IcProgramme {
  agencies: { total: number; audited: number; inProgress: number; pending: number; overdue: number };
  findingsByArea: Record<ChecklistArea, { total: number; open: number }>;
  rectification: { open: number; submitted: number; verified: number; overdue: number };
}

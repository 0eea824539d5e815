// The API's types the shell and several features use. Response types are the generated ones
// (api-types.generated.ts, from the backend's own types: ADR 0014); written here by hand only what
// the frontend adds: constants for menus and filters, request bodies, the error envelope.
import type * as Api from './api-types.generated';
import type { ApiResponses } from './api-types.generated';

export const ROLES = [
  'national_overseer',
  'province_official',
  'city_agency_staff',
  'county_staff',
  'institution_clerk',
  'leader',
  // Held beside a staff role by the legal reviewers of enforcement cases (issue 18); opens no section of its own.
  'legal_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export type UserLevel = Api.MeView['level'];
export type OrganizationKind = Api.MeView['organization']['kind'];

export type RuntimeConfig = ApiResponses['HealthHttpController_clientConfig'];
export type Me = Api.MeView;
export type RegionRef = Me['regionTrail'][number];

export type NotificationItem = Api.NotificationView;
export type NotificationPage = ApiResponses['NotificationsHttpController_list'];

export type NoticeStatus = Api.NoticeStatus;
/** Which notices GET /api/notices returns: to, from, or anywhere in the user's region. */
export type NoticeBox = 'received' | 'sent' | 'all';

/** A notice (通知) to be acknowledged (签收) by `dueDate`, a China calendar date. */
export type NoticeView = Api.NoticeView;
export type NoticeList = ApiResponses['NoticesHttpController_list'];

export interface SendNoticeRequest {
  recipientOrgId: string;
  title: string;
  body: string;
  workingDays: number;
}

export type SendNoticeResult = ApiResponses['NoticesHttpController_send'];
export type Organization = Api.OrganizationView;
export type OrganizationPage = ApiResponses['DirectoryHttpController_organizations'];

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
export type PlanStatus = Api.PlanStatus;
export const PLAN_STATUSES: readonly PlanStatus[] = ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed'];
/** Who acts on a plan waiting at the level above: the city agency, the city bureau, or the province. */
export type PlanReviewStep = Api.ReviewStep;
export type PlanTargetUnit = Api.TargetUnit;
export type PlanTarget = Api.PlanTarget;
export type PlanResponsiblePerson = Api.ResponsiblePerson;
export type PlanContent = Api.PlanContent;
export type ScheduleTask = Api.ScheduleTask;
export type PlanDetail = Api.PlanDetail;
export type PlanProgressEntry = PlanDetail['progress'][number];
export type PlanHistoryAction = Api.PlanHistoryAction;
export type PlanHistoryEntry = PlanDetail['history'][number];
/** The standard targets the backend measures from the inspections actually sent. */
export type MeasuredTarget = Api.MeasuredTarget;
export type MeasuredTargetCode = MeasuredTarget['targetCode'];
export type PlanSummary = Api.PlanSummary;
export type PlanSummaryList = ApiResponses['PlansHttpController_list'];
export type PlanStatusCounts = Api.StatusCounts;
export type FilingBoardRow = Api.FilingBoardRow;
export type FilingBoard = Api.FilingBoard;

export interface SavePlanDraftRequest {
  content: PlanContent;
  schedule: ScheduleTask[];
  version: number;
}

/** POST /api/attachments: an uploaded evidence file, referenced by id from other resources. */
export type Attachment = Api.AttachmentView;

export interface PlanProgressRequest {
  entries: { taskId: string; doneQuantity: number; note?: string; attachmentIds?: string[] }[];
}

export type OpenPlanCycleResult = ApiResponses['PlanCyclesHttpController_open'];

// Internal control audits of handling agencies (内控检查), docs/api/internal-control-audits.md.

export type AuditStatus = Api.IcAuditStatus;
export const AUDIT_STATUSES: readonly AuditStatus[] = ['scheduled', 'self_assessment', 'fieldwork', 'rectification', 'verification', 'closed'];
export type ChecklistArea = Api.ChecklistArea;
export const CHECKLIST_AREAS: readonly ChecklistArea[] = [
  'management_rules',
  'systems',
  'segregation_of_duties',
  'violations_handled',
  'payment_records',
];
export type ItemResult = Api.ItemResult;
export const ITEM_RESULTS: readonly ItemResult[] = ['compliant', 'deficient', 'not_applicable'];
export type Post = Api.Post;
export const POSTS: readonly Post[] = [
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
];
export type FindingStatus = Api.IcFindingStatus;

export type ChecklistItem = Api.ChecklistItem;
export type Checklist = Api.Checklist;
export type AuditSummary = Api.AuditSummary;
export type AuditAgency = AuditSummary['agency'];
export type AuditTeamMember = AuditSummary['team'][number];
export type AuditPlan = Api.AuditPlanView;
export type UncoveredAgency = AuditPlan['uncoveredAgencies'][number];
/** A finding of an internal control audit (not the findings context's FindingView). */
export type Finding = Api.Finding;
export type AuditDetail = Api.AuditDetail;
export type ItemAnswer = AuditDetail['selfAssessment'][number];
export type ItemResultEntry = AuditDetail['results'][number];
export type StaffPost = AuditDetail['staffPosts'][number];

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

export type IcProgramme = Api.Programme;

import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, type AppConfig } from './platform/config/config.js';
import { openOrm } from './database.js';
import { OrmLifecycle } from './platform/database/orm-lifecycle.js';
import { PdfRenderer } from './platform/documents/pdf-renderer.js';
import { UnitOfWork } from './platform/tenancy/unit-of-work.js';
import { Commands, Queries } from './platform/cqrs/commands.js';
import { AuditTrail } from './platform/audit/audit-trail.js';
import { Outbox } from './platform/outbox/outbox.js';
import { OutboxRelay } from './platform/outbox/outbox-relay.js';
import { WORKFLOW_ROUTES } from './platform/outbox/workflow-action.js';
import { Temporal } from './platform/temporal/temporal.js';
import { AuthGuard } from './platform/auth/auth.guard.js';
import { remoteKeys, TokenVerifier, TOKEN_KEYS } from './platform/auth/token-verifier.js';
import { sessionCheckProviders } from './platform/auth/session-check.js';
import { ErrorFilter } from './platform/http/error.filter.js';
import { HealthHttpController } from './platform/health/health.http.controller.js';
import { Notifications } from './platform/notifications/notifications.js';
import { NotificationMailer } from './platform/notifications/notification-mailer.js';
import {
  ExportNotificationsHandler,
  ListNotificationsHandler,
  MarkNotificationReadHandler,
  NotificationsHttpController,
  UnreadCountHandler,
} from './platform/notifications/notifications.http.controller.js';
import { AttachmentStore } from './platform/attachments/attachment-store.js';
import { AuditCheckpointCycleStarter } from './platform/audit/audit-checkpoint-cycle.js';
import { Attachments } from './platform/attachments/attachments.js';
import {
  AttachmentsHttpController,
  GetAttachmentHandler,
  RecordAttachmentHandler,
} from './platform/attachments/attachments.http.controller.js';
import {
  GetMeHandler,
  ListOrganizationsHandler,
  ListRegionsHandler,
  RegisterUserHandler,
} from './contexts/directory/application/directory.js';
import { DirectoryHttpController } from './contexts/directory/api/directory.http.controller.js';
import { OrganizationDirectory } from './contexts/directory/index.js';
import { SendNoticeHandler } from './contexts/notices/application/send-notice.handler.js';
import {
  AcknowledgeNoticeHandler,
  MarkNoticeOverdueHandler,
  RemindNoticeRecipientHandler,
} from './contexts/notices/application/acknowledge-notice.handler.js';
import { ExportNoticesHandler, GetNoticeHandler, ListNoticesHandler, NoticesTodoHandler } from './contexts/notices/application/queries.js';
import { NoticesHttpController } from './contexts/notices/api/notices.http.controller.js';
import { noticeWorkflowRoutes } from './contexts/notices/infrastructure/notice-workflow.routes.js';
import { Notices } from './contexts/notices/infrastructure/notice.repository.js';
import {
  FilePlanHandler,
  ForwardPlanHandler,
  OpenPlanningCycleHandler,
  ReportProgressHandler,
  ReturnPlanHandler,
  SaveDraftHandler,
  SubmitPlanHandler,
} from './contexts/annual-plans/application/plan-commands.handlers.js';
import {
  ClosePlanYearHandler,
  MarkPlanOverdueHandler,
  RemindPlanDueHandler,
} from './contexts/annual-plans/application/plan-clock.handlers.js';
import {
  ExportPlansHandler,
  FilingBoardHandler,
  GetPlanHandler,
  ListPlansHandler,
  PlansTodoHandler,
  ReviewQueueHandler,
} from './contexts/annual-plans/application/queries.js';
import { AnnualPlans } from './contexts/annual-plans/infrastructure/annual-plan.repository.js';
import { annualPlanWorkflowRoutes } from './contexts/annual-plans/infrastructure/annual-plan-workflow.routes.js';
import { PlanPdf } from './contexts/annual-plans/infrastructure/plan-pdf.js';
import { PlanCyclesHttpController, PlansHttpController } from './contexts/annual-plans/api/plans.http.controller.js';
import { IC_COMMAND_HANDLERS } from './contexts/internal-control/application/handlers.js';
import { IC_QUERY_HANDLERS } from './contexts/internal-control/application/queries.js';
import { InternalControl } from './contexts/internal-control/infrastructure/ic.repository.js';
import { icWorkflowRoutes } from './contexts/internal-control/infrastructure/ic-workflow.routes.js';
import { IcReportPdf } from './contexts/internal-control/infrastructure/ic-report-pdf.js';
import { IcHttpController } from './contexts/internal-control/api/ic.http.controller.js';
import { CAMPAIGN_CONTROLLERS, CAMPAIGN_PROVIDERS } from './contexts/campaigns/campaigns.module-parts.js';
import { campaignWorkflowRoutes } from './contexts/campaigns/infrastructure/campaign-workflow.routes.js';
import { SPOT_CHECK_CONTROLLERS, SPOT_CHECK_HTTP_PROVIDERS, SPOT_CHECK_PROVIDERS, spotCheckWorkflowRoutes } from './contexts/spot-checks/spot-checks.module-parts.js';
import { FINDING_CONTROLLERS, FINDING_PROVIDERS, findingWorkflowRoutes } from './contexts/findings/findings.module-parts.js';
import { DISPUTE_CONTROLLERS, DISPUTE_PROVIDERS, disputeWorkflowRoutes } from './contexts/disputes/disputes.module-parts.js';
import { LEAD_CONTROLLERS, LEAD_PROVIDERS, leadWorkflowRoutes } from './contexts/leads/leads.module-parts.js';
import { TIP_CONTROLLERS, TIP_PROVIDERS } from './contexts/tips/tips.module-parts.js';
import { ENFORCEMENT_CONTROLLERS, ENFORCEMENT_PROVIDERS, enforcementWorkflowRoutes } from './contexts/enforcement/enforcement.module-parts.js';
import { TRANSFER_CONTROLLERS, TRANSFER_PROVIDERS, transferWorkflowRoutes } from './contexts/transfers/transfers.module-parts.js';
import { AGREEMENT_CONTROLLERS, AGREEMENT_PROVIDERS } from './contexts/agreements/agreements.module-parts.js';
import { CALENDAR_CONTROLLERS, CALENDAR_PROVIDERS } from './contexts/calendar/calendar.module-parts.js';
import { DASHBOARD_CONTROLLERS, DASHBOARD_HTTP_PROVIDERS, DASHBOARD_QUERY_PROVIDERS } from './contexts/dashboards/dashboards.module-parts.js';
import { WORKLIST_CONTROLLERS, WORKLIST_PROVIDERS } from './contexts/worklist/worklist.module-parts.js';
import { MONTHLY_REPORT_CONTROLLERS, MONTHLY_REPORT_HTTP_PROVIDERS, MONTHLY_REPORT_PROVIDERS } from './contexts/monthly-reports/monthly-reports.module-parts.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Signing keys for bearer tokens; Keycloak's JWKS unless a test supplies its own. */
  tokenKeys?: JWTVerifyGetKey;
  /** The HTTP API; the worker process needs only the command side. */
  http: boolean;
}

const HANDLERS = [
  GetMeHandler,
  RegisterUserHandler,
  ListOrganizationsHandler,
  ListRegionsHandler,
  SendNoticeHandler,
  AcknowledgeNoticeHandler,
  RemindNoticeRecipientHandler,
  MarkNoticeOverdueHandler,
  ListNoticesHandler,
  ExportNoticesHandler,
  GetNoticeHandler,
  NoticesTodoHandler,
  OpenPlanningCycleHandler,
  SaveDraftHandler,
  SubmitPlanHandler,
  ForwardPlanHandler,
  FilePlanHandler,
  ReturnPlanHandler,
  ReportProgressHandler,
  RemindPlanDueHandler,
  MarkPlanOverdueHandler,
  ClosePlanYearHandler,
  ListPlansHandler,
  ReviewQueueHandler,
  ExportPlansHandler,
  FilingBoardHandler,
  GetPlanHandler,
  PlansTodoHandler,
  ListNotificationsHandler,
  ExportNotificationsHandler,
  UnreadCountHandler,
  MarkNotificationReadHandler,
  RecordAttachmentHandler,
  GetAttachmentHandler,
  ...IC_COMMAND_HANDLERS,
  ...IC_QUERY_HANDLERS,
];

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      {
        provide: MikroORM,
        useFactory: () => openOrm(config.appDatabaseUrl),
      },
      { provide: WORKFLOW_ROUTES, useValue: { ...noticeWorkflowRoutes, ...annualPlanWorkflowRoutes, ...icWorkflowRoutes, ...campaignWorkflowRoutes, ...spotCheckWorkflowRoutes, ...findingWorkflowRoutes, ...disputeWorkflowRoutes, ...leadWorkflowRoutes, ...enforcementWorkflowRoutes, ...transferWorkflowRoutes } },
      OrmLifecycle,
      PdfRenderer,
      UnitOfWork,
      Commands,
      Queries,
      AuditTrail,
      Outbox,
      Temporal,
      Notifications,
      AttachmentStore,
      Attachments,
      OrganizationDirectory,
      Notices,
      AnnualPlans,
      InternalControl,
      ...HANDLERS,
      ...CAMPAIGN_PROVIDERS,
      ...SPOT_CHECK_PROVIDERS,
      ...FINDING_PROVIDERS,
      ...DISPUTE_PROVIDERS,
      ...LEAD_PROVIDERS,
      ...TIP_PROVIDERS,
      ...ENFORCEMENT_PROVIDERS,
      ...TRANSFER_PROVIDERS,
      ...AGREEMENT_PROVIDERS,
      ...CALENDAR_PROVIDERS,
      ...DASHBOARD_QUERY_PROVIDERS,
      ...MONTHLY_REPORT_PROVIDERS,
      ...WORKLIST_PROVIDERS,
    ];
    if (options.http) {
      providers.push(
        { provide: TOKEN_KEYS, useValue: options.tokenKeys ?? remoteKeys(config) },
        ...sessionCheckProviders(config.oidcIssuerUrl, config.sessionCheck),
        TokenVerifier,
        OutboxRelay,
        ...DASHBOARD_HTTP_PROVIDERS,
        ...MONTHLY_REPORT_HTTP_PROVIDERS,
        ...SPOT_CHECK_HTTP_PROVIDERS,
        NotificationMailer,
        AuditCheckpointCycleStarter,
        PlanPdf,
        IcReportPdf,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      );
    }
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: options.http
        ? [HealthHttpController, DirectoryHttpController, NoticesHttpController, PlanCyclesHttpController, PlansHttpController,
          NotificationsHttpController, AttachmentsHttpController, IcHttpController, ...CAMPAIGN_CONTROLLERS, ...SPOT_CHECK_CONTROLLERS, ...FINDING_CONTROLLERS, ...DISPUTE_CONTROLLERS, ...LEAD_CONTROLLERS, ...TIP_CONTROLLERS, ...ENFORCEMENT_CONTROLLERS, ...TRANSFER_CONTROLLERS, ...AGREEMENT_CONTROLLERS, ...CALENDAR_CONTROLLERS, ...DASHBOARD_CONTROLLERS, ...MONTHLY_REPORT_CONTROLLERS, ...WORKLIST_CONTROLLERS]
        : [],
      providers,
      exports: [Commands, Queries, UnitOfWork, MikroORM, OutboxRelay].filter((p) => options.http || p !== OutboxRelay),
    };
  }
}

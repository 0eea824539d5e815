import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import { Notifications, type NotificationInput } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DOCUMENT_REQUEST_STATUSES, DocumentRequest, type DocumentRequestStatus } from '../domain/document-request.js';
import { DocumentRequests } from '../infrastructure/document-requests.repository.js';
import { isUuid, SpotChecks } from '../infrastructure/spot-check.repository.js';
import { paging } from '../../../platform/database/sql.js';
import {
  AnswerDocumentRequestCommand,
  GetDocumentRequestQuery,
  InspectionDocumentRequestsQuery,
  ListDocumentRequestsQuery,
  MarkDocumentRequestOverdueCommand,
  RequestDocumentsCommand,
} from './document-request.commands.js';
import { attachmentsNotOwned } from '../../../platform/attachments/attachments.js';

/** Where the institution answers (its portal page); where the agency reads the answer (the inspection's record). */
const INSTITUTION_LINK = '/institution/document-requests';
const inspectionLink = (id: string) => `/inspections/${id}`;

@CommandHandler(RequestDocumentsCommand)
export class RequestDocumentsHandler implements ICommandHandler<RequestDocumentsCommand> {
  constructor(private readonly inspections: SpotChecks, private readonly repo: DocumentRequests, private readonly uow: UnitOfWork,
    private readonly notifications: Notifications) {}

  async execute({ actor, inspectionId, input }: RequestDocumentsCommand) {
    // Locked like a record or a send: a request cannot slip in beside the send that closes the inspection.
    const inspection = await this.inspections.loadInspection(inspectionId);
    const r = DocumentRequest.request({ id: randomUUID(), inspection, actor, items: input?.items, dueDate: input?.dueDate, now: new Date() });
    await this.repo.save(r);
    const asker = (await this.repo.organization(r.agencyId))?.name ?? actor.displayName;
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: r.ownerOrgId, recipientRegionPath: r.regionPath,
      titleZh: `资料调取：请于 ${r.dueDate} 前提交`, titleEn: `Documents requested: due ${r.dueDate}`,
      bodyZh: `${asker}因检查需要向贵机构调取以下资料，请于 ${r.dueDate} 前在「资料调取」中提交：\n${r.items}`,
      bodyEn: `${asker} asks your institution, for its inspection, for the documents below; answer under Document requests by ${r.dueDate}:\n${r.items}`,
      link: INSTITUTION_LINK, dedupeKey: `document-request-${r.id}`,
    });
    return { id: r.id };
  }
}

/**
 * The inspecting agency is told what became of its request, the message naming the institution;
 * nobody is told when the agency is not in the reader's scope.
 */
async function tellAgency(
  repo: DocumentRequests, uow: UnitOfWork, notifications: Notifications, r: DocumentRequest,
  message: (institution: string) => Omit<NotificationInput, 'recipientOrgId' | 'recipientRegionPath'>,
): Promise<void> {
  const agency = await repo.organization(r.agencyId);
  const institution = (await repo.organization(r.ownerOrgId))?.name ?? r.ownerOrgId;
  if (agency) await notifications.deliver(uow.em, { recipientOrgId: agency.id, recipientRegionPath: agency.regionPath, ...message(institution) });
}

@CommandHandler(AnswerDocumentRequestCommand)
export class AnswerDocumentRequestHandler implements ICommandHandler<AnswerDocumentRequestCommand> {
  constructor(private readonly repo: DocumentRequests, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, requestId, input }: AnswerDocumentRequestCommand) {
    const r = await this.repo.load(requestId);
    const now = new Date();
    // Permission and state first (answerWith checks them before the input); the evidence last, against the store.
    r.answerWith(actor, input?.answer, input?.attachmentIds, now);
    const ids = r.attachmentIds;
    const unknown = await this.repo.unknownAttachments(ids, r.ownerOrgId);
    if (unknown.length) throw attachmentsNotOwned(unknown, { zh: '本机构', en: 'the institution' }, { field: 'attachmentIds' });
    await this.repo.save(r);
    await tellAgency(this.repo, this.uow, this.notifications, r, (institution) => ({
      titleZh: `资料已提交：${institution}${r.overdue ? '（逾期提交）' : ''}`, titleEn: `Documents answered: ${institution}${r.overdue ? ' (late)' : ''}`,
      bodyZh: `${institution}已答复 ${r.dueDate} 到期的资料调取${ids.length ? `，附材料 ${ids.length} 份` : ''}。`,
      bodyEn: `${institution} answered the document request due ${r.dueDate}${ids.length ? ` with ${ids.length} attachments` : ''}.`,
      link: inspectionLink(r.inspectionId), dedupeKey: `document-request-answered-${r.id}`,
    }));
  }
}

@CommandHandler(MarkDocumentRequestOverdueCommand)
export class MarkDocumentRequestOverdueHandler implements ICommandHandler<MarkDocumentRequestOverdueCommand> {
  constructor(private readonly repo: DocumentRequests, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ requestId }: MarkDocumentRequestOverdueCommand) {
    const r = await this.repo.load(requestId);
    if (!r.markOverdue()) return false;
    await this.repo.save(r);
    await tellAgency(this.repo, this.uow, this.notifications, r, (institution) => ({
      titleZh: `资料调取逾期：${institution}（期限 ${r.dueDate}）`, titleEn: `Document request overdue: ${institution} (due ${r.dueDate})`,
      bodyZh: `${institution}未在 ${r.dueDate} 前提交调取的资料，已标记为逾期。`,
      bodyEn: `${institution} did not answer the document request due ${r.dueDate}: flagged overdue.`,
      link: inspectionLink(r.inspectionId), dedupeKey: `document-request-overdue-${r.id}`,
    }));
    return true;
  }
}

@QueryHandler(ListDocumentRequestsQuery)
export class ListDocumentRequestsHandler implements IQueryHandler<ListDocumentRequestsQuery> {
  constructor(private readonly repo: DocumentRequests) {}
  async execute({ filter }: ListDocumentRequestsQuery) {
    const status = filter.status || undefined;
    if (status !== undefined && !(DOCUMENT_REQUEST_STATUSES as readonly string[]).includes(status)) {
      throw DomainError.validation('document_request_status_invalid', {
        zh: `状态无效：${status}（可选 requested 待提交、answered 已提交）`, en: `unknown status: ${status} (requested, answered)`,
      }, { field: 'status' });
    }
    const { page, pageSize } = paging(filter.page, filter.pageSize);
    return this.repo.list({ status: status as DocumentRequestStatus | undefined, page, pageSize });
  }
}

@QueryHandler(InspectionDocumentRequestsQuery)
export class InspectionDocumentRequestsHandler implements IQueryHandler<InspectionDocumentRequestsQuery> {
  constructor(private readonly inspections: SpotChecks, private readonly repo: DocumentRequests) {}
  async execute({ inspectionId }: InspectionDocumentRequestsQuery) {
    // 404 when the inspection is not the reader's to see (another region; the institution before the result is sent).
    const [visible] = isUuid(inspectionId) ? await this.inspections.q(`select 1 from inspection where id = ?`, [inspectionId]) : [];
    if (!visible) throw DomainError.notFound({ zh: '现场检查', en: 'inspection' }, inspectionId);
    return this.repo.ofInspection(inspectionId);
  }
}

@QueryHandler(GetDocumentRequestQuery)
export class GetDocumentRequestHandler implements IQueryHandler<GetDocumentRequestQuery> {
  constructor(private readonly repo: DocumentRequests) {}
  execute({ id }: GetDocumentRequestQuery) {
    return this.repo.view(id);
  }
}

export const DOCUMENT_REQUEST_PROVIDERS = [
  DocumentRequests, RequestDocumentsHandler, AnswerDocumentRequestHandler, MarkDocumentRequestOverdueHandler,
  ListDocumentRequestsHandler, InspectionDocumentRequestsHandler, GetDocumentRequestHandler,
];

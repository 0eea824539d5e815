import { ActorCommand, ActorQuery, ByIdQuery, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';
import type { DocumentRequestView } from '../infrastructure/document-requests.repository.js';

// Document requests of an inspection (调取资料, issue 13 §3): docs/api/agency-inspections.md.

/** The inspecting team asks the institution for documents, with a deadline. */
export class RequestDocumentsCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly inspectionId: string, readonly input: { items?: unknown; dueDate?: unknown }) {
    super(actor);
  }
  auditTarget() {
    return this.inspectionId;
  }
  auditPayload() {
    return { items: this.input?.items, dueDate: this.input?.dueDate };
  }
}

/** The institution answers a request with its evidence. */
export class AnswerDocumentRequestCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly requestId: string, readonly input: { answer?: unknown; attachmentIds?: unknown }) {
    super(actor);
  }
  auditTarget() {
    return this.requestId;
  }
  auditPayload() {
    return { answer: this.input?.answer, attachmentIds: this.input?.attachmentIds };
  }
}

/** Run by the request's workflow after its due day, as the user who asked. Idempotent. */
export class MarkDocumentRequestOverdueCommand extends TargetedCommand<boolean> {
  constructor(actor: Actor, readonly requestId: string) {
    super(actor, requestId);
  }
}

export class ListDocumentRequestsQuery extends ActorQuery<{ items: DocumentRequestView[]; total: number }> {
  constructor(actor: Actor, readonly filter: { status?: string; page?: number; pageSize?: number }) {
    super(actor);
  }
}

export class InspectionDocumentRequestsQuery extends ActorQuery<DocumentRequestView[]> {
  constructor(actor: Actor, readonly inspectionId: string) {
    super(actor);
  }
}

export class GetDocumentRequestQuery extends ByIdQuery<DocumentRequestView> {}

// Document requests of an inspection (调取资料, issue 13 §3): the inspecting agency asks the
// institution for documents with a deadline (POST /api/inspections/:id/document-requests); the
// institution answers with its evidence (POST /api/inspection-document-requests/:id/answer).
// docs/api/agency-inspections.md, "Document requests". The answers' type is the generated one (ADR 0014).
import type * as Api from '../core/api-types.generated';

export type DocumentRequestStatus = Api.DocumentRequestStatus;
export const DOCUMENT_REQUEST_STATUSES: readonly DocumentRequestStatus[] = ['requested', 'answered'];

export type DocumentRequest = Api.DocumentRequestView;

export interface DocumentRequestBody {
  items: string;
  dueDate: string;
}

export interface DocumentAnswerBody {
  answer: string;
  attachmentIds: string[];
}

/** Items and answers: 1–2000 characters (the backend's limits). */
export const DOCUMENT_REQUEST_TEXT_MAX = 2000;
/** The due date: after today and at most this many days ahead. */
export const DOCUMENT_REQUEST_MAX_DAYS = 60;

/** Overdue as the reader sees it: flagged, or still open past its due day (before the workflow's step has run). */
export function isLate(request: Pick<DocumentRequest, 'overdue' | 'status' | 'dueDate'>, today: string): boolean {
  return request.overdue || (request.status === 'requested' && request.dueDate < today);
}

import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { isUuid, isoOrNull } from '../../../platform/database/sql.js';
import { DomainError } from '../../../kernel/errors.js';
import { DocumentRequest, type DocumentRequestStatus } from '../domain/document-request.js';
import { unknownAttachments } from '../../../platform/attachments/attachments.js';

/** A document request as the API shows it (docs/api/agency-inspections.md, "Document requests"). */
export interface DocumentRequestView {
  id: string;
  inspectionId: string;
  institution: { id: string; name: string };
  /** The inspecting organization (an agency, or the provincial bureau for a spot-check's inspection). */
  agency: { id: string; name: string };
  items: string;
  dueDate: string;
  status: DocumentRequestStatus;
  overdue: boolean;
  answer: string | null;
  attachmentIds: string[];
  requestedAt: string;
  requestedBy: string;
  answeredAt: string | null;
}

const VIEW = `
  select d.id, d.inspection_id, d.owner_org_id, o.name as institution_name, d.agency_id, g.name as agency_name, d.items,
         to_char(d.due_date, 'YYYY-MM-DD') as due, d.status, d.overdue, d.answer, d.attachment_ids::text[] as attachment_ids,
         d.requested_at, d.requested_by, d.answered_at
    from inspection_document_request d
    left join organization o on o.id = d.owner_org_id
    left join organization g on g.id = d.agency_id`;

/** A row of VIEW (timestamps as the driver returns them: strings; names null without a directory entry). */
interface DocumentRequestViewRow {
  id: string; inspection_id: string; owner_org_id: string; institution_name: string | null; agency_id: string; agency_name: string | null; items: string;
  due: string; status: DocumentRequestStatus; overdue: boolean; answer: string | null; attachment_ids: string[] | null;
  requested_at: string; requested_by: string; answered_at: string | null;
}
/** A row of DOCUMENT_REQUEST_COLUMNS. */
interface DocumentRequestRow {
  id: string; inspection_id: string; region_path: string; owner_org_id: string; agency_id: string; items: string; due: string;
  status: DocumentRequestStatus; overdue: boolean; answer: string | null; attachments: string[] | null;
  requested_at: string; requested_by: string; answered_at: string | null;
}
const DOCUMENT_REQUEST_COLUMNS = `d.id, d.inspection_id, d.region_path, d.owner_org_id, d.agency_id, d.items, to_char(d.due_date, 'YYYY-MM-DD') as due,
  d.status, d.overdue, d.answer, d.attachment_ids::text[] as attachments, d.requested_at, d.requested_by, d.answered_at`;

function toView(r: DocumentRequestViewRow): DocumentRequestView {
  return {
    id: r.id, inspectionId: r.inspection_id, institution: { id: r.owner_org_id, name: r.institution_name ?? r.owner_org_id },
    agency: { id: r.agency_id, name: r.agency_name ?? r.agency_id }, items: r.items, dueDate: r.due, status: r.status, overdue: Boolean(r.overdue),
    answer: r.answer ?? null, attachmentIds: r.attachment_ids ?? [], requestedAt: isoOrNull(r.requested_at)!, requestedBy: r.requested_by,
    answeredAt: isoOrNull(r.answered_at),
  };
}

/**
 * Document requests of inspections in the current unit of work (row-level security applies: an
 * institution reads its own, everybody else their region's). The aggregate is locked for the
 * transaction when loaded.
 */
@Injectable()
export class DocumentRequests extends SqlRepository {
  async load(id: string): Promise<DocumentRequest> {
    const [r] = isUuid(id) ? await this.q<DocumentRequestRow>(
      `select ${DOCUMENT_REQUEST_COLUMNS} from inspection_document_request d where d.id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '资料调取', en: 'document request' }, id);
    const d = Object.assign(new DocumentRequest(), {
      id: r.id, inspectionId: r.inspection_id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, agencyId: r.agency_id, items: r.items,
      dueDate: r.due, status: r.status, overdue: Boolean(r.overdue), answer: r.answer ?? null, attachmentIds: r.attachments ?? [],
      requestedAt: new Date(r.requested_at), requestedBy: r.requested_by, answeredAt: r.answered_at ? new Date(r.answered_at) : null,
    });
    return this.uow.track(d);
  }

  async save(d: DocumentRequest): Promise<void> {
    this.uow.track(d);
    if (d.isNew) {
      await this.q(
        `insert into inspection_document_request (id, inspection_id, region_path, owner_org_id, agency_id, items, due_date, status, overdue,
                                                  requested_at, requested_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, d.inspectionId, d.regionPath, d.ownerOrgId, d.agencyId, d.items, d.dueDate, d.status, d.overdue, d.requestedAt, d.requestedBy]);
      d.isNew = false;
    } else {
      await this.q(
        `update inspection_document_request set status = ?, overdue = ?, answer = ?, attachment_ids = ?::uuid[], answered_at = ?, version = version + 1
          where id = ?`,
        [d.status, d.overdue, d.answer, `{${d.attachmentIds.join(',')}}`, d.answeredAt, d.id]);
    }
  }

  /** Attachment ids that are not among the owner's uploads (malformed ones included). */
  unknownAttachments(ids: readonly string[], ownerOrgId: string): Promise<string[]> {
    return unknownAttachments(this.uow.em, ids, ownerOrgId);
  }

  async organization(id: string): Promise<{ id: string; name: string; regionPath: string } | null> {
    const [r] = await this.q<{ id: string; name: string; region_path: string }>(`select id, name, region_path from organization where id = ?`, [id]);
    return r ? { id: r.id, name: r.name, regionPath: r.region_path } : null;
  }

  async view(id: string): Promise<DocumentRequestView> {
    const [r] = isUuid(id) ? await this.q<DocumentRequestViewRow>(`${VIEW} where d.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '资料调取', en: 'document request' }, id);
    return toView(r);
  }

  /** The requests of one inspection, oldest first. */
  async ofInspection(inspectionId: string): Promise<DocumentRequestView[]> {
    return (await this.q<DocumentRequestViewRow>(`${VIEW} where d.inspection_id = ? order by d.requested_at, d.id`, [inspectionId])).map(toView);
  }

  /** The requests the reader sees, open ones first (by due date), then the answered ones newest first. */
  async list(filter: { status?: DocumentRequestStatus; page: number; pageSize: number }): Promise<{ items: DocumentRequestView[]; total: number }> {
    const where = filter.status ? 'where d.status = ?' : '';
    const params = filter.status ? [filter.status] : [];
    const [{ n }] = await this.q<{ n: number }>(`select count(*)::int as n from inspection_document_request d ${where}`, params);
    const rows = await this.q<DocumentRequestViewRow>(
      `${VIEW} ${where}
        order by (d.status = 'answered'), case when d.status = 'requested' then d.due_date end, d.answered_at desc nulls last, d.requested_at desc, d.id
        limit ? offset ?`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize]);
    return { items: rows.map(toView), total: n };
  }
}

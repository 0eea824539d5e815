import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import { isUuid } from '../database/sql.js';

/** Evidence uploaded by a user: the file lives in the attachment store under its content hash. */
export interface Attachment {
  id: string;
  /** The uploader's region and organization: row-level security scopes the row by these two. */
  regionPath: string;
  ownerOrgId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  createdAt: Date;
}

/** A row of `attachment` (size_bytes is a bigint, which the driver returns as a string). */
export interface AttachmentRow {
  id: string;
  region_path: string;
  owner_org_id: string;
  filename: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Date;
}

const COLUMNS = 'id, region_path, owner_org_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by, created_at';

function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    regionPath: r.region_path,
    ownerOrgId: r.owner_org_id,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storageKey: r.storage_key,
    uploadedBy: r.uploaded_by,
    createdAt: new Date(r.created_at),
  };
}

/**
 * The attachments' records, with SQL on the unit of work's connection: row-level security scopes
 * every statement to the actor's subtree (and, for an institution, its own uploads) — ADR 0004.
 */
@Injectable()
export class Attachments {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(a: Attachment): Promise<void> {
    await this.uow.em.execute(
      `insert into attachment (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.id, a.regionPath, a.ownerOrgId, a.filename, a.contentType, a.sizeBytes, a.sha256, a.storageKey, a.uploadedBy, a.createdAt],
    );
  }

  /** The attachment, or null when there is none with this id in the actor's scope (or the id is no uuid). */
  async find(id: string): Promise<Attachment | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.uow.em.execute<AttachmentRow[]>(`select ${COLUMNS} from attachment where id = ?`, [id]);
    return row ? toAttachment(row) : null;
  }
}

import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import { isUuid, pgArray } from '../database/sql.js';
import { DomainError, type BilingualMessage } from '../../kernel/errors.js';

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

/**
 * The ids, in the order given, that are not among the owner's uploads (malformed ones included; a
 * uuid matches in either case). On the caller's connection: row-level security applies.
 */
export async function unknownAttachments(em: { execute: UnitOfWork['em']['execute'] }, ids: readonly string[], ownerOrgId: string): Promise<string[]> {
  const good = ids.filter(isUuid);
  const found = good.length
    ? await em.execute<{ id: string }[]>(`select id::text as id from attachment where id = any(?::uuid[]) and owner_org_id = ?`, [pgArray(good), ownerOrgId])
    : [];
  const known = new Set(found.map((f) => f.id));
  return ids.filter((id) => !isUuid(id) || !known.has(id.toLowerCase()));
}

/** The bilingual 400 (attachment_unknown) for ids that are not among `uploader`'s uploads, e.g. 本机构 / the institution. */
export function attachmentsNotOwned(unknown: readonly string[], uploader: BilingualMessage, details: Record<string, unknown> = {}): DomainError {
  return DomainError.validation('attachment_unknown', {
    zh: `附件不存在或不是${uploader.zh}上传的：${unknown.join('、')}`, en: `attachments not found or not uploaded by ${uploader.en}: ${unknown.join(', ')}`,
  }, { ...details, attachmentIds: [...unknown] });
}

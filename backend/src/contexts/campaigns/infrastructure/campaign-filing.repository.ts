import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { CampaignFiling, type FilingKind, type FilingStatus } from '../domain/campaign-filing.js';

const COLUMNS = `id, campaign_id, region_path, owner_org_id, kind, to_char(due_date, 'YYYY-MM-DD') as due_date, status, note,
  attachment_ids::text[] as attachment_ids, sent_at, sent_by, send_count, acknowledged_at, acknowledged_by, returned_at, returned_by, return_reason, version`;

interface FilingRow {
  id: string; campaign_id: string; region_path: string; owner_org_id: string; kind: FilingKind; due_date: string; status: FilingStatus;
  note: string | null; attachment_ids: string[]; sent_at: string; sent_by: string; send_count: number; acknowledged_at: string | null;
  acknowledged_by: string | null; returned_at: string | null; returned_by: string | null; return_reason: string | null; version: number;
}

const date = (v: string | null) => (v ? new Date(v) : null);

function toFiling(r: FilingRow): CampaignFiling {
  return Object.assign(new CampaignFiling(), {
    id: r.id, campaignId: r.campaign_id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, kind: r.kind, dueDate: r.due_date,
    status: r.status, note: r.note, attachmentIds: r.attachment_ids ?? [], sentAt: new Date(r.sent_at), sentBy: r.sent_by, sendCount: r.send_count,
    acknowledgedAt: date(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, returnedAt: date(r.returned_at), returnedBy: r.returned_by,
    returnReason: r.return_reason, version: r.version,
  });
}

/** Campaign filings with the national bureau (campaign_filing; RLS: the province's own, the national bureau all). */
@Injectable()
export class CampaignFilings extends SqlRepository {
  async find(campaignId: string, kind: FilingKind): Promise<CampaignFiling | null> {
    const [r] = await this.q<FilingRow>(`select ${COLUMNS} from campaign_filing where campaign_id = ? and kind = ? for update`, [campaignId, kind]);
    return r ? this.uow.track(toFiling(r)) : null;
  }

  async load(id: string): Promise<CampaignFiling> {
    const [r] = isUuid(id) ? await this.q<FilingRow>(`select ${COLUMNS} from campaign_filing where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '报送材料', en: 'filing' }, id);
    return this.uow.track(toFiling(r));
  }

  async save(f: CampaignFiling): Promise<void> {
    this.uow.track(f);
    const values = [f.dueDate, f.status, f.note, pgArray(f.attachmentIds), f.sentAt, f.sentBy, f.sendCount, f.acknowledgedAt, f.acknowledgedBy,
      f.returnedAt, f.returnedBy, f.returnReason];
    if (f.isNew) {
      await this.q(
        `insert into campaign_filing (id, campaign_id, region_path, owner_org_id, kind, due_date, status, note, attachment_ids, sent_at, sent_by, send_count,
           acknowledged_at, acknowledged_by, returned_at, returned_by, return_reason)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?, ?, ?, ?)`,
        [f.id, f.campaignId, f.regionPath, f.ownerOrgId, f.kind, ...values]);
      f.isNew = false;
      return;
    }
    const [row] = await this.q<{ version: number }>(
      `update campaign_filing set due_date = ?, status = ?, note = ?, attachment_ids = ?::uuid[], sent_at = ?, sent_by = ?, send_count = ?,
         acknowledged_at = ?, acknowledged_by = ?, returned_at = ?, returned_by = ?, return_reason = ?, version = version + 1
       where id = ? and version = ? returning version`, [...values, f.id, f.version]);
    if (!row) throw DomainError.conflict('stale_update', { zh: '报送材料已被他人更新，请刷新后重试', en: 'the filing was changed by someone else: reload and try again' });
    f.version = row.version;
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid } from '../../../platform/database/sql.js';
import { Transfer, type TransferMaterial, type TransferSource, type TransferStatus, type TransferSupplement, type TransferUnit } from '../domain/transfer.js';

/** The columns of a TransferRow, of the table aliased `a` (e.g. 't.') or unaliased (''). */
export const transferColumns = (a = '') => ['id', 'transfer_no', 'region_path', 'owner_org_id', 'to_org_id', 'source_kind', 'source_id', 'region_code',
  'institution_org_id', 'subject', 'facts', 'amount_involved::text as amount_involved', 'materials', 'status', 'supplement', 'return_reasons', 'case_id',
  'sent_at', 'sent_by', 'sent_by_user_id', 'decided_at', 'version'].map((c) => a + c).join(', ');

export interface TransferRow {
  id: string; transfer_no: string; region_path: string; owner_org_id: string; to_org_id: string; source_kind: TransferSource; source_id: string;
  region_code: string; institution_org_id: string; subject: string; facts: string; amount_involved: string | null; materials: TransferMaterial[];
  status: TransferStatus; supplement: TransferSupplement | null; return_reasons: string | null; case_id: string | null; sent_at: string;
  sent_by: string; sent_by_user_id: string; decided_at: string | null; version: number;
}

export function toTransfer(r: TransferRow): Transfer {
  return Object.assign(new Transfer(), {
    id: r.id, transferNo: Number(r.transfer_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, toOrgId: r.to_org_id, sourceKind: r.source_kind,
    sourceId: r.source_id, regionCode: r.region_code, institutionOrgId: r.institution_org_id, subject: r.subject, facts: r.facts,
    amountInvolved: r.amount_involved, materials: r.materials ?? [], status: r.status, supplement: r.supplement, returnReasons: r.return_reasons,
    caseId: r.case_id, sentAt: new Date(r.sent_at), sentBy: r.sent_by, sentByUserId: r.sent_by_user_id, decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    version: Number(r.version),
  });
}

/** Transfers and their history in the current unit of work (row-level security on every statement). */
@Injectable()
export class Transfers extends SqlRepository {
  constructor(uow: UnitOfWork) {
    super(uow);
  }

  async load(id: string): Promise<Transfer> {
    const [r] = isUuid(id) ? await this.q<TransferRow>(`select ${transferColumns()} from transfer where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '移交', en: 'transfer' }, id);
    return this.uow.track(toTransfer(r));
  }

  async save(t: Transfer): Promise<void> {
    this.uow.track(t);
    if (t.isNew) {
      const [row] = await this.q<{ transfer_no: string }>(
        `insert into transfer (id, region_path, owner_org_id, to_org_id, source_kind, source_id, region_code, institution_org_id, subject, facts, amount_involved,
           materials, status, sent_at, sent_by, sent_by_user_id, version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 1) returning transfer_no`,
        [t.id, t.regionPath, t.ownerOrgId, t.toOrgId, t.sourceKind, t.sourceId, t.regionCode, t.institutionOrgId, t.subject, t.facts, t.amountInvolved,
          JSON.stringify(t.materials), t.status, t.sentAt, t.sentBy, t.sentByUserId]);
      t.transferNo = Number(row!.transfer_no);
      t.isNew = false;
    } else {
      const rows = await this.q<{ version: number }>(
        `update transfer set materials = ?::jsonb, status = ?, supplement = ?::jsonb, return_reasons = ?, case_id = ?, decided_at = ?, version = version + 1
          where id = ? and version = ? returning version`,
        [JSON.stringify(t.materials), t.status, t.supplement === null ? null : JSON.stringify(t.supplement), t.returnReasons, t.caseId, t.decidedAt, t.id, t.version]);
      if (!rows.length) {
        throw DomainError.conflict('transfer_changed', { zh: '移交已被他人修改，请刷新后重试', en: 'the transfer was changed meanwhile: reload and retry' });
      }
      t.version = Number(rows[0]!.version);
    }
    for (const h of t.newHistory.splice(0)) {
      await this.q(
        `insert into transfer_history (id, transfer_id, region_path, owner_org_id, at, action, by_user_id, by_name, by_org_id, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), t.id, t.regionPath, t.ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.byOrgId, h.comment]);
    }
  }

  /** The transfer a case was opened from (the case's id kept on acceptance), if any. */
  async ofCase(caseId: string): Promise<Transfer | undefined> {
    const [r] = isUuid(caseId) ? await this.q<TransferRow>(`select ${transferColumns()} from transfer where case_id = ?`, [caseId]) : [];
    return r ? toTransfer(r) : undefined;
  }

  /** The bureau one level above a region's (the parent region's bureau); none above the national bureau. */
  async bureauAbove(regionPath: string): Promise<TransferUnit | undefined> {
    const [p] = await this.q<{ path: string }>(`select p.path from region r join region p on p.code = r.parent_code where r.path = ?`, [regionPath]);
    return p ? this.bureauOf(p.path) : undefined;
  }

  /** The bureau of a region (同级医保行政部门). */
  async bureauOf(regionPath: string): Promise<TransferUnit | undefined> {
    const [o] = await this.q<TransferUnit>(`select id, name, kind, region_path as "regionPath" from organization where kind = 'bureau' and region_path = ? order by id limit 1`, [regionPath]);
    return o;
  }

  /** The institution concerned, within the actor's area (`regionPath` prefix), and its region's code. */
  async institution(id: unknown, areaPath: string): Promise<{ id: string; regionCode: string }> {
    const s = typeof id === 'string' ? id.trim() : '';
    const [o] = s ? await this.q<{ id: string; code: string }>(
      `select o.id, r.code from organization o join region r on r.path = o.region_path where o.id = ? and o.kind = 'institution' and o.region_path like ? || '%'`, [s, areaPath]) : [];
    if (!o) {
      throw DomainError.validation('transfer_institution_unknown', { zh: `本辖区内没有该定点医药机构：${s || '（未填写）'}`, en: `no such institution in your area: ${s || '(none given)'}` }, { field: 'institutionOrgId' });
    }
    return { id: o.id, regionCode: o.code };
  }
}

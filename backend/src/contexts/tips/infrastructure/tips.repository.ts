import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { isoOrNull, isUuid, pgArray } from '../../../platform/database/sql.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { Tip, type TipQuestion, type TipReward, type TipState, type TipStatus } from '../domain/tip.js';

/** A row of TIP_COLUMNS: the date as YYYY-MM-DD, the amount as text, instants as the driver's text. Never the envelopes. */
export interface TipRow {
  id: string; region_path: string; owner_org_id: string; institution_org_id: string | null; person_reported: string | null; facts: string;
  happened_on: string | null; amount_involved: string | null; anonymous: boolean; attachment_ids: string[] | null; status: TipStatus;
  accept_due: string; decided_at: string | null; decided_by: string | null; decision_reason: string | null; lead_id: string | null;
  questions: TipQuestion[]; reward: TipReward | null; created_at: string; version: number;
}

export const TIP_COLUMNS = `t.id, t.region_path, t.owner_org_id, t.institution_org_id, t.person_reported, t.facts,
  to_char(t.happened_on, 'YYYY-MM-DD') as happened_on, t.amount_involved::text as amount_involved, t.anonymous,
  t.attachment_ids::text[] as attachment_ids, t.status, t.accept_due, t.decided_at, t.decided_by, t.decision_reason, t.lead_id,
  t.questions, t.reward, t.created_at, t.version`;

export function stateOf(r: TipRow): TipState {
  return {
    id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, institutionOrgId: r.institution_org_id, personReported: r.person_reported,
    facts: r.facts, happenedOn: r.happened_on, amountInvolved: r.amount_involved === null ? null : Number(r.amount_involved), anonymous: r.anonymous,
    attachmentIds: r.attachment_ids ?? [], status: r.status, acceptDue: isoOrNull(r.accept_due)!, decidedAt: isoOrNull(r.decided_at),
    decidedBy: r.decided_by, decisionReason: r.decision_reason, leadId: r.lead_id, questions: r.questions ?? [], reward: r.reward ?? null,
    createdAt: isoOrNull(r.created_at)!, version: r.version,
  };
}

const notFound = (id: string) => DomainError.notFound({ zh: '举报', en: 'tip' }, id);

/** Where a new tip goes: the institution (if any), its region, and the intake bureau. */
export interface TipRouting { regionPath: string; ownerOrgId: string; institutionName: string | null }

/**
 * Tips on the unit of work's connection (row-level security applies). The envelopes are written
 * with the row and read only by `envelope`, for the explicit reading of the reporter.
 */
@Injectable()
export class Tips extends SqlRepository {
  async insert(tip: Tip, receiptHash: string, reporterEnvelope: Buffer | null): Promise<void> {
    const s = tip.state;
    await this.q(
      `insert into tip (id, region_path, owner_org_id, receipt_hash, institution_org_id, person_reported, facts, happened_on, amount_involved,
                        anonymous, reporter_envelope, attachment_ids, status, accept_due, questions, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?::uuid[], ?, ?, '[]', ?)`,
      [s.id, s.regionPath, s.ownerOrgId, receiptHash, s.institutionOrgId, s.personReported, s.facts, s.happenedOn,
        s.amountInvolved === null ? null : s.amountInvolved.toFixed(2), s.anonymous, reporterEnvelope, pgArray(s.attachmentIds), s.status, s.acceptDue, s.createdAt]);
  }

  /** The tip, locked for the command (404 when not visible). */
  async load(id: string): Promise<Tip> {
    const [r] = isUuid(id) ? await this.q<TipRow>(`select ${TIP_COLUMNS} from tip t where t.id = ? for update`, [id]) : [];
    if (!r) throw notFound(id);
    return Tip.restore(stateOf(r));
  }

  /** The tip of a receipt hash, locked (null: no such receipt). */
  async loadByReceipt(receiptHash: string): Promise<Tip | null> {
    const [r] = await this.q<TipRow>(`select ${TIP_COLUMNS} from tip t where t.receipt_hash = ? for update`, [receiptHash]);
    return r ? Tip.restore(stateOf(r)) : null;
  }

  async save(tip: Tip, payeeEnvelope?: Buffer): Promise<void> {
    const s = tip.state;
    const rows = await this.q<{ id: string }>(
      `update tip set status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, lead_id = ?, questions = ?::jsonb, reward = ?::jsonb,
                      payee_envelope = coalesce(?, payee_envelope), version = version + 1
        where id = ? and version = ? returning id`,
      [s.status, s.decidedAt, s.decidedBy, s.decisionReason, s.leadId, JSON.stringify(s.questions), s.reward ? JSON.stringify(s.reward) : null,
        payeeEnvelope ?? null, s.id, s.version]);
    if (!rows.length) throw DomainError.conflict('concurrent_change', { zh: '举报已被他人修改，请刷新后重试', en: 'the tip was changed meanwhile: reload and try again' });
  }

  /** The sealed reporter (and payee) of a tip, for the audited reading only. */
  async envelopes(id: string): Promise<{ reporter: Buffer | null; payee: Buffer | null }> {
    const [r] = await this.q<{ reporter_envelope: Buffer | null; payee_envelope: Buffer | null }>(
      `select reporter_envelope, payee_envelope from tip where id = ?`, [id]);
    return { reporter: r?.reporter_envelope ?? null, payee: r?.payee_envelope ?? null };
  }

  /**
   * The routing of a new tip: the designated institution and the bureau of its county, else the
   * nearest bureau above it (a county without its own bureau); for a person reported, the bureau
   * of the region the reporter names. null: no such institution or region.
   */
  async routing(institutionOrgId: string | null, regionCode: string | null): Promise<TipRouting | null> {
    let path: string;
    let institutionName: string | null = null;
    if (institutionOrgId) {
      const [o] = await this.q<{ region_path: string; name: string }>(
        `select region_path, name from organization where id = ? and kind = 'institution'`, [institutionOrgId]);
      if (!o) return null;
      path = o.region_path;
      institutionName = o.name;
    } else {
      const [r] = regionCode ? await this.q<{ path: string }>(`select path from region where code = ?`, [regionCode]) : [];
      if (!r) return null;
      path = r.path;
    }
    const [bureau] = await this.q<{ id: string; region_path: string }>(
      `select id, region_path from organization where kind = 'bureau' and starts_with(?, region_path)
        order by length(region_path) desc limit 1`, [path]);
    return bureau ? { regionPath: bureau.region_path, ownerOrgId: bureau.id, institutionName } : null;
  }

  async institutionName(id: string): Promise<string | null> {
    const [o] = await this.q<{ name: string }>(`select name from organization where id = ?`, [id]);
    return o?.name ?? null;
  }

  /** Evidence of a public tip: attachment rows for files stored before the tip existed, owned like the tip. */
  async insertEvidence(tip: Tip, files: { id: string; filename: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string }[]): Promise<void> {
    for (const f of files) {
      await this.q(
        `insert into attachment (id, region_path, owner_org_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'public', ?)`,
        [f.id, tip.state.regionPath, tip.state.ownerOrgId, f.filename, f.contentType, f.sizeBytes, f.sha256, f.storageKey, tip.state.createdAt]);
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { Decision, type DecisionStatus, type LegalReview, type Measure, type Rectification, type Settlement } from '../domain/decision.js';
import { Finding, type Appeal, type FindingSource, type FindingStatus, type HistoryEntry } from '../domain/finding.js';
import { unknownAttachments } from '../../../platform/attachments/attachments.js';

export { isUuid, pgArray };

export interface OrgRef { id: string; name: string; regionCode: string; regionPath: string }

/** A finding as raised from an inspection (the inspection's own record of it). */
export interface RaisedFinding { type: string; description: string; amount: number; clinicianName: string | null; attachmentIds: string[] }

const FINDING_COLUMNS = `id, region_path, owner_org_id, source_id, handling_agency_id, status, to_char(confirmation_due, 'YYYY-MM-DD') as confirmation_due,
  confirmed_at, deemed, appeal, decision_id`;

/** A row of FINDING_COLUMNS (timestamps as the driver returns them: strings). */
interface FindingRow {
  id: string; region_path: string; owner_org_id: string; source_id: string; handling_agency_id: string; status: FindingStatus; confirmation_due: string;
  confirmed_at: string | null; deemed: boolean; appeal: Appeal | null; decision_id: string | null;
}
/** A row of loadDecision's statement. */
interface DecisionRow {
  id: string; region_path: string; owner_org_id: string; agency_id: string; finding_ids: string[]; measures: Measure[]; basis: string; major: boolean;
  status: DecisionStatus; decided_by: string; decided_by_user_id: string; legal_review: LegalReview | null; effective_at: string | null;
  reported_to_bureau_at: string | null; settlement: Settlement; rectification: Rectification | null; termination_on_hold: boolean; created_at: string;
}
interface OrgRow { id: string; name: string; region_code: string; region_path: string }

function toFinding(r: FindingRow): Finding {
  return Object.assign(new Finding(), {
    id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, sourceId: r.source_id, handlingAgencyId: r.handling_agency_id,
    status: r.status, confirmationDue: r.confirmation_due, confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
    deemed: Boolean(r.deemed), appeal: r.appeal ?? null, decisionId: r.decision_id ?? null,
  });
}

/**
 * Findings and handling decisions in the current unit of work, with SQL (row-level security
 * applies to every statement). Loaded aggregates are locked for the transaction.
 */
@Injectable()
export class Findings extends SqlRepository {
  // ---- directory

  async organization(id: string): Promise<OrgRef | null> {
    const [r] = await this.q<OrgRow>(`select id, name, region_code, region_path from organization where id = ?`, [id]);
    return r ? { id: r.id, name: r.name, regionCode: r.region_code, regionPath: r.region_path } : null;
  }

  /** The bureau at the same level as an agency (the county bureau for a county agency). */
  async bureauBeside(agencyId: string): Promise<OrgRef | null> {
    const [r] = await this.q<OrgRow>(
      `select b.id, b.name, b.region_code, b.region_path from organization a
         join organization b on b.kind = 'bureau' and b.region_code = a.region_code
        where a.id = ?`, [agencyId]);
    return r ? { id: r.id, name: r.name, regionCode: r.region_code, regionPath: r.region_path } : null;
  }

  /** Attachment ids that are not among the owner's uploads (malformed ones included). */
  unknownAttachments(ids: readonly string[], ownerOrgId: string): Promise<string[]> {
    return unknownAttachments(this.uow.em, ids, ownerOrgId);
  }

  // ---- findings

  /**
   * One finding row per finding of a sent inspection, owned by the institution, handled by the
   * agency that holds its service agreement. Idempotent on (source, inspection, index).
   */
  async insertRaised(actor: Actor, inspection: { id: string; regionPath: string; ownerOrgId: string }, source: FindingSource, agencyId: string,
    findings: RaisedFinding[], due: string, now: Date): Promise<{ ids: string[]; agencyId: string }> {
    const ids: string[] = [];
    for (const [index, f] of findings.entries()) {
      const id = randomUUID();
      const [row] = await this.q<{ id: string }>(
        `insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount,
                              clinician_name, attachment_ids, status, confirmation_due, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], 'awaiting_confirmation', ?, ?)
         on conflict (source, source_id, source_index) do nothing returning id`,
        [id, inspection.regionPath, inspection.ownerOrgId, source, inspection.id, index, agencyId, f.type, f.description, f.amount.toFixed(2),
          f.clinicianName, pgArray(f.attachmentIds ?? []), due, now]);
      if (!row) continue;
      ids.push(id);
      await this.history('finding', id, inspection.regionPath, inspection.ownerOrgId, { action: 'raised', comment: null, byUserId: actor.userId, byName: actor.displayName, at: now });
    }
    return { ids, agencyId };
  }

  async loadFinding(id: string, lock = true): Promise<Finding> {
    const [r] = isUuid(id) ? await this.q<FindingRow>(`select ${FINDING_COLUMNS} from finding where id = ?${lock ? ' for update' : ''}`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '问题', en: 'finding' }, id);
    return this.uow.track(toFinding(r));
  }

  /** The findings of `ids` visible to the actor, locked, in the order given. */
  async loadFindings(ids: string[]): Promise<Finding[]> {
    const rows = await this.q<FindingRow>(`select ${FINDING_COLUMNS} from finding where id = any(?::uuid[]) order by id for update`, [pgArray(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.filter((id) => byId.has(id)).map((id) => this.uow.track(toFinding(byId.get(id)!)));
  }

  async saveFinding(f: Finding): Promise<void> {
    this.uow.track(f);
    await this.q(
      `update finding set status = ?, confirmed_at = ?, deemed = ?, appeal = ?::jsonb, decision_id = ?, version = version + 1 where id = ?`,
      [f.status, f.confirmedAt, f.deemed, f.appeal ? JSON.stringify(f.appeal) : null, f.decisionId, f.id]);
    for (const h of f.newHistory.splice(0)) await this.history('finding', f.id, f.regionPath, f.ownerOrgId, h);
  }

  /**
   * The inspection's findings still awaiting confirmation whose deadline day is over become
   * deemed confirmed. Idempotent: a second run finds none.
   */
  async deemConfirmed(actor: Actor, inspectionId: string, today: string, now: Date): Promise<{ id: string; ownerOrgId: string; regionPath: string; agencyId: string; due: string }[]> {
    if (!isUuid(inspectionId)) return [];
    const rows = await this.q<{ id: string; ownerOrgId: string; regionPath: string; agencyId: string; due: string }>(
      `update finding set status = 'deemed_confirmed', deemed = true, confirmed_at = ?, version = version + 1
        where source_id = ? and status = 'awaiting_confirmation' and confirmation_due < ?::date
        returning id, owner_org_id as "ownerOrgId", region_path as "regionPath", handling_agency_id as "agencyId",
                  to_char(confirmation_due, 'YYYY-MM-DD') as due`,
      [now, inspectionId, today]);
    if (rows.length) {
      await this.q(
        `insert into finding_history (id, finding_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
         select gen_random_uuid(), f.id, f.region_path, f.owner_org_id, ?, 'deemed_confirmed', ?, ?, ? from finding f where f.id = any(?::uuid[])`,
        [now, actor.userId, actor.displayName, `逾期未反馈，视为确认（截止 ${rows[0]!.due}）`, pgArray(rows.map((r) => r.id))]);
    }
    return rows;
  }

  // ---- decisions

  async loadDecision(id: string, lock = true): Promise<Decision> {
    const [r] = isUuid(id) ? await this.q<DecisionRow>(
      `select id, region_path, owner_org_id, agency_id, finding_ids::text[] as finding_ids, measures, basis, major, status, decided_by,
              decided_by_user_id, legal_review, effective_at, reported_to_bureau_at, settlement, rectification, termination_on_hold, created_at
         from handling_decision where id = ?${lock ? ' for update' : ''}`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '处理决定', en: 'handling decision' }, id);
    return this.uow.track(Object.assign(new Decision(), {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, agencyId: r.agency_id, findingIds: r.finding_ids,
      measures: r.measures, basis: r.basis, major: Boolean(r.major), status: r.status, decidedBy: r.decided_by,
      decidedByUserId: r.decided_by_user_id, legalReview: r.legal_review ?? null, effectiveAt: r.effective_at ? new Date(r.effective_at) : null,
      reportedToBureauAt: r.reported_to_bureau_at ? new Date(r.reported_to_bureau_at) : null, settlement: r.settlement,
      rectification: r.rectification ?? null, terminationOnHold: Boolean(r.termination_on_hold), createdAt: new Date(r.created_at),
    }));
  }

  async saveDecision(d: Decision): Promise<void> {
    this.uow.track(d);
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    if (d.isNew) {
      await this.q(
        `insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by,
                                        decided_by_user_id, legal_review, effective_at, reported_to_bureau_at, settlement, rectification,
                                        termination_on_hold, created_at)
         values (?, ?, ?, ?, ?::uuid[], ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?)`,
        [d.id, d.regionPath, d.ownerOrgId, d.agencyId, pgArray(d.findingIds), JSON.stringify(d.measures), d.basis, d.major, d.status, d.decidedBy,
          d.decidedByUserId, json(d.legalReview), d.effectiveAt, d.reportedToBureauAt, d.settlement, json(d.rectification), d.terminationOnHold, d.createdAt]);
      d.isNew = false;
    } else {
      await this.q(
        `update handling_decision set status = ?, legal_review = ?::jsonb, effective_at = ?, reported_to_bureau_at = ?, settlement = ?,
                rectification = ?::jsonb, version = version + 1 where id = ?`,
        [d.status, json(d.legalReview), d.effectiveAt, d.reportedToBureauAt, d.settlement, json(d.rectification), d.id]);
    }
    for (const h of d.newHistory.splice(0)) await this.history('decision', d.id, d.regionPath, d.ownerOrgId, h);
  }

  private async history(kind: 'finding' | 'decision', id: string, regionPath: string, ownerOrgId: string, h: HistoryEntry): Promise<void> {
    await this.q(
      `insert into ${kind}_history (id, ${kind}_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), id, regionPath, ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.comment]);
  }
}

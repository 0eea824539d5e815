import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DisputePathLevel } from '@fundsup/workflows/contracts';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import { Dispute, levelName, type DecisionRef, type DisputeLevel, type DisputeOutcome, type DisputeParty, type DisputeStatus } from '../domain/dispute.js';
import { ServiceAgreements } from '../../agreements/index.js';
import { unknownAttachments } from '../../../platform/attachments/attachments.js';


export const DISPUTE_COLUMNS = `id, region_path, owner_org_id, decision_id, party, clinician_name, reasons, attachment_ids::text[] as attachment_ids,
  path, current, status, to_char(escalation_due, 'YYYY-MM-DD') as escalation_due, outcome, filed_by, filed_by_user_id, created_at, ended_at, version`;

/** A row of DISPUTE_COLUMNS (timestamps as the driver returns them: strings). */
export interface DisputeRow {
  id: string; region_path: string; owner_org_id: string; decision_id: string; party: DisputeParty; clinician_name: string | null; reasons: string;
  attachment_ids: string[] | null; path: DisputeLevel[]; current: number; status: DisputeStatus; escalation_due: string | null;
  outcome: DisputeOutcome | null; filed_by: string; filed_by_user_id: string; created_at: string; ended_at: string | null; version: number;
}
interface DecisionRow {
  id: string; region_path: string; owner_org_id: string; agency_id: string; status: string; measures: DecisionRef['measures'] | null; termination_on_hold: boolean;
}

function toDispute(r: DisputeRow): Dispute {
  return Object.assign(new Dispute(), {
    id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, decisionId: r.decision_id, party: r.party, clinicianName: r.clinician_name,
    reasons: r.reasons, attachmentIds: r.attachment_ids ?? [], path: r.path, current: Number(r.current), status: r.status,
    escalationDue: r.escalation_due ?? null, outcome: r.outcome ?? null, filedBy: r.filed_by, filedByUserId: r.filed_by_user_id,
    createdAt: new Date(r.created_at), endedAt: r.ended_at ? new Date(r.ended_at) : null, version: Number(r.version),
  });
}

export interface BureauRef { id: string; name: string; regionPath: string }

/**
 * Disputes and their history in the current unit of work, with SQL (row-level security applies to
 * every statement: the institution reads its own, every bureau above it its subtree). A loaded
 * dispute is locked for the transaction.
 */
@Injectable()
export class Disputes extends SqlRepository {
  constructor(uow: UnitOfWork, private readonly agreements: ServiceAgreements) {
    super(uow);
  }

  async load(id: string): Promise<Dispute> {
    const [r] = isUuid(id) ? await this.q<DisputeRow>(`select ${DISPUTE_COLUMNS} from dispute where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '争议', en: 'dispute' }, id);
    return this.uow.track(toDispute(r));
  }

  async save(d: Dispute): Promise<void> {
    this.uow.track(d);
    if (d.isNew) {
      // One dispute per decision (a withdrawn one aside): the partial unique index decides races.
      const [dup] = await this.q<{ id: string }>(`select id from dispute where decision_id = ? and status <> 'withdrawn'`, [d.decisionId]);
      if (dup) {
        throw DomainError.conflict('dispute_exists', {
          zh: '该处理决定已有争议处理申请', en: 'a dispute over this decision exists already',
        }, { disputeId: dup.id });
      }
      await this.q(
        `insert into dispute (id, region_path, owner_org_id, decision_id, party, clinician_name, reasons, attachment_ids, path, current, status,
           escalation_due, outcome, filed_by, filed_by_user_id, created_at, ended_at, version)
         values (?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [d.id, d.regionPath, d.ownerOrgId, d.decisionId, d.party, d.clinicianName, d.reasons, pgArray(d.attachmentIds), JSON.stringify(d.path),
          d.current, d.status, d.escalationDue, d.outcome, d.filedBy, d.filedByUserId, d.createdAt, d.endedAt]);
      d.isNew = false;
    } else {
      const rows = await this.q<{ version: number }>(
        `update dispute set path = ?::jsonb, current = ?, status = ?, escalation_due = ?, outcome = ?, ended_at = ?, version = version + 1
          where id = ? and version = ? returning version`,
        [JSON.stringify(d.path), d.current, d.status, d.escalationDue, d.outcome, d.endedAt, d.id, d.version]);
      if (!rows.length) {
        throw DomainError.conflict('dispute_changed', { zh: '争议已被他人修改，请刷新后重试', en: 'the dispute was changed meanwhile: reload and retry' });
      }
      d.version = Number(rows[0]!.version);
    }
    for (const h of d.newHistory.splice(0)) {
      await this.q(
        `insert into dispute_history (id, dispute_id, region_path, owner_org_id, at, action, level, by_user_id, by_name, by_org_id, comment)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), d.id, d.regionPath, d.ownerOrgId, h.at, h.action, h.level, h.byUserId, h.byName, h.byOrgId, h.comment]);
    }
  }

  /** The decision under dispute, locked (its termination hold changes with the dispute). */
  async decision(id: string): Promise<DecisionRef & { terminationOnHold: boolean }> {
    const [r] = isUuid(id) ? await this.q<DecisionRow>(
      `select id, region_path, owner_org_id, agency_id, status, measures, termination_on_hold from handling_decision where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '处理决定', en: 'handling decision' }, id);
    return {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, agencyId: r.agency_id, status: r.status,
      measures: Array.isArray(r.measures) ? r.measures : [], terminationOnHold: Boolean(r.termination_on_hold),
    };
  }

  /**
   * The escalation path of a decision taken by `agencyId`: the bureau at the agency's region, then
   * the bureau at each ancestor (parent_code) up to and including the province. Derived from the
   * region tree and the directory, never hard-coded: a county agency gives county → city →
   * province, a city agency city → province.
   */
  async pathFor(agencyId: string): Promise<DisputePathLevel[]> {
    const rows = await this.q<{ code: string; level: string; path: string; bureau_id: string | null }>(
      `with recursive chain as (
         select r.code, r.level, r.parent_code, r.path, 0 as depth
           from region r where r.code = (select region_code from organization where id = ?)
         union all
         select p.code, p.level, p.parent_code, p.path, c.depth + 1
           from region p join chain c on p.code = c.parent_code
          where c.level <> 'province'
       )
       select c.code, c.level, c.path,
              (select b.id from organization b where b.kind = 'bureau' and b.region_code = c.code order by b.id limit 1) as bureau_id
         from chain c where c.level in ('county', 'city', 'province') order by c.depth`, [agencyId]);
    const missing = rows.filter((r) => !r.bureau_id);
    if (!rows.length || missing.length || rows[rows.length - 1]!.level !== 'province') {
      throw DomainError.unavailable('dispute_path_unavailable', {
        zh: `无法确定受理争议的各级医疗保障行政部门（经办机构 ${agencyId}${missing.length ? `；缺少：${missing.map((m) => m.code).join('、')}` : ''}）`,
        en: `the bureaus that hear the dispute could not be found (agency ${agencyId}${missing.length ? `; missing at ${missing.map((m) => m.code).join(', ')}` : ''})`,
      });
    }
    return rows.map((r) => ({ level: levelName(r.level)!, bureauId: r.bureau_id!, regionPath: r.path }));
  }

  /** Attachment ids that are not among the owner's uploads (malformed ones included). */
  unknownAttachments(ids: readonly string[], ownerOrgId: string): Promise<string[]> {
    return unknownAttachments(this.uow.em, ids, ownerOrgId);
  }

  async organization(id: string): Promise<BureauRef | undefined> {
    const [o] = await this.q<BureauRef>(`select id, name, region_path as "regionPath" from organization where id = ?`, [id]);
    return o;
  }

  /**
   * While a dispute is open a termination is not executed (docs/api/findings-and-disputes.md,
   * "Handling decisions"): the hold is set when the decision's measures terminate the agreement.
   * Refused payment stays withheld and a suspension stays as it is: nothing else changes.
   */
  async holdTermination(decisionId: string, on: boolean): Promise<boolean> {
    const rows = await this.q<{ owner_org_id: string }>(
      `update handling_decision set termination_on_hold = ?, version = version + 1
        where id = ? and termination_on_hold <> ? and measures @> '[{"kind": "terminate_agreement"}]'::jsonb returning owner_org_id`, [on, decisionId, on]);
    // A termination held by the dispute leaves the agreement in force; lifted, it ends it.
    for (const r of rows) {
      await this.agreements.syncWithHandling(r.owner_org_id, decisionId, on ? '争议处理期间终止协议暂不执行' : '争议处理结束，终止协议执行', new Date());
    }
    return rows.length > 0;
  }

  /** A line in the decision's own history (what the dispute did to it). */
  async decisionHistory(d: Dispute, action: string, byUserId: string, byName: string, comment: string | null, at: Date): Promise<void> {
    await this.q(
      `insert into decision_history (id, decision_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), d.decisionId, d.regionPath, d.ownerOrgId, at, action, byUserId, byName, comment]);
  }
}

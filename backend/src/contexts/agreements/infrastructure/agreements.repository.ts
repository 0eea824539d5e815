import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { agreementStatusOf, type AgreementStatus, type ServiceAgreementHolder } from '../domain/service-agreement.js';

interface HolderRow { id: string; institution_id: string; agency_id: string; status: AgreementStatus }

/**
 * Service agreements in the current unit of work (row-level security applies). The other contexts
 * reach them through this class only (contexts/agreements/index.ts).
 */
@Injectable()
export class ServiceAgreements extends SqlRepository {
  /** The agreement of an institution, or null when it has none (or it is outside the reader's scope). */
  async of(institutionId: string): Promise<ServiceAgreementHolder | null> {
    const [r] = await this.q<HolderRow>(`select id, institution_id, agency_id, status from service_agreement where institution_id = ?`, [institutionId]);
    return r ? { agreementId: r.id, institutionId: r.institution_id, agencyId: r.agency_id, status: r.status } : null;
  }

  /** The agency that handles the institution under its agreement; a clear 503-class error when there is none. */
  async handlingAgencyOf(institutionId: string): Promise<string> {
    const holder = await this.of(institutionId);
    if (!holder) {
      throw DomainError.unavailable('agreement_missing', {
        zh: `定点机构 ${institutionId} 没有服务协议，无法确定负责处理的经办机构`,
        en: `institution ${institutionId} has no service agreement: its handling agency is unknown`,
      });
    }
    return holder.agencyId;
  }

  /** The institutions among `ids` whose agreement the agency holds. */
  async heldBy(agencyId: string, institutionIds: string[]): Promise<Set<string>> {
    if (!institutionIds.length) return new Set();
    const rows = await this.q<{ institution_id: string }>(
      `select institution_id from service_agreement where agency_id = ? and institution_id = any(?::text[])`, [agencyId, `{${institutionIds.join(',')}}`]);
    return new Set(rows.map((r) => r.institution_id));
  }

  /**
   * Recomputes the agreement's status from the institution's handling decisions in force and records
   * the change (history row); returns the new status when it changed, null otherwise. Called by the
   * findings and disputes contexts in the transaction of the command that changed a decision.
   */
  async syncWithHandling(institutionId: string, decisionId: string | null, reason: string, now: Date): Promise<AgreementStatus | null> {
    const [r] = await this.q<HolderRow & { region_path: string; owner_org_id: string; terminated: boolean; suspended: boolean }>(
      `select a.id, a.institution_id, a.agency_id, a.status, a.region_path, a.owner_org_id,
              exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.effective_at is not null
                        and not d.termination_on_hold and d.measures @> '[{"kind": "terminate_agreement"}]'::jsonb) as terminated,
              exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.settlement = 'suspended'
                        and d.measures @> '[{"kind": "suspend_settlement"}]'::jsonb) as suspended
         from service_agreement a where a.institution_id = ? for update of a`, [institutionId]);
    if (!r) return null;
    const next = agreementStatusOf({ terminationInEffect: r.terminated, settlementSuspended: r.suspended });
    if (next === r.status) return null;
    await this.q(`update service_agreement set status = ?, updated_at = ?, version = version + 1 where id = ?`, [next, now, r.id]);
    await this.q(
      `insert into service_agreement_history (id, agreement_id, region_path, owner_org_id, at, from_status, to_status, decision_id, reason)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), r.id, r.region_path, r.owner_org_id, now, r.status, next, decisionId, reason]);
    return next;
  }
}

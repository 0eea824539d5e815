import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { isoOrNull, pgArray } from '../../../platform/database/sql.js';
import type { Decision, Recovery, RecoveryMethod } from '../domain/decision.js';

/** A row of RECOVERY_COLUMNS (amount as text, the date as YYYY-MM-DD, the instant as the driver's text). */
interface RecoveryRow {
  id: string; decision_id: string; amount: string; recovered_on: string; method: RecoveryMethod; attachment_ids: string[];
  recorded_by: string; recorded_at: string;
}
interface AmountsRow { confirmed: string; recovered: string }

const RECOVERY_COLUMNS = `id, decision_id, amount::text as amount, to_char(recovered_on, 'YYYY-MM-DD') as recovered_on, method,
  attachment_ids::text[] as attachment_ids, recorded_by, recorded_at`;

/** An amount actually recovered, as the API shows it. */
export interface RecoveryView {
  id: string; amount: number; recoveredOn: string; method: RecoveryMethod; attachmentIds: string[]; recordedBy: string; recordedAt: string;
}

/**
 * The amounts actually recovered under handling decisions (decision_recovery), on the unit of
 * work's connection (row-level security applies). Append-only.
 */
@Injectable()
export class DecisionRecoveries extends SqlRepository {
  /** The decision's confirmed amount (its findings' amounts) and what was recovered so far, in yuan. */
  async amounts(decisionId: string): Promise<{ confirmed: number; recovered: number } | null> {
    const [r] = await this.q<AmountsRow>(
      `select (select coalesce(sum(f.amount), 0) from finding f where f.id = any(d.finding_ids))::text as confirmed,
              (select coalesce(sum(r.amount), 0) from decision_recovery r where r.decision_id = d.id)::text as recovered
         from handling_decision d where d.id = ?`, [decisionId]);
    return r ? { confirmed: Number(r.confirmed), recovered: Number(r.recovered) } : null;
  }

  async insert(d: Decision, r: Recovery): Promise<void> {
    await this.q(
      `insert into decision_recovery (id, decision_id, region_path, owner_org_id, agency_id, amount, recovered_on, method, attachment_ids,
                                      recorded_by, recorded_by_user_id, recorded_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?)`,
      [r.id, d.id, d.regionPath, d.ownerOrgId, d.agencyId, r.amount.toFixed(2), r.recoveredOn, r.method, pgArray(r.attachmentIds),
        r.recordedBy, r.recordedByUserId, r.recordedAt]);
  }

  async list(decisionId: string): Promise<RecoveryView[]> {
    const rows = await this.q<RecoveryRow>(`select ${RECOVERY_COLUMNS} from decision_recovery where decision_id = ? order by recorded_at, id`, [decisionId]);
    return rows.map((r) => ({
      id: r.id, amount: Number(r.amount), recoveredOn: r.recovered_on, method: r.method, attachmentIds: r.attachment_ids ?? [],
      recordedBy: r.recorded_by, recordedAt: isoOrNull(r.recorded_at)!,
    }));
  }
}

/** A statement runner (the unit of work's, or the activity generator's own transaction). */
export type RecoveredSqlExec = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * The amounts actually recovered (实际追回: deductions and repayments recorded under the decisions)
 * below `scopePath`, by county and month of the recovery date, from `from` (a date, inclusive) to `to`
 * (exclusive), keyed `<county code>|<YYYY-MM>` in yuan: the monthly report shows it beside the
 * confirmed amount (认定追回). Row-level security applies through `exec`.
 */
export async function actuallyRecoveredByCountyMonth(exec: RecoveredSqlExec, scopePath: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = (await exec(
    `select split_part(region_path, '/', 4) as county, to_char(recovered_on, 'YYYY-MM') as month, sum(amount)::text as amount
       from decision_recovery where region_path like ? and recovered_on >= ?::date and recovered_on < ?::date
      group by 1, 2`, [`${scopePath}%`, from, to])) as { county: string; month: string; amount: string }[];
  return new Map(rows.map((r) => [`${r.county}|${r.month}`, Math.round(Number(r.amount) * 100) / 100]));
}

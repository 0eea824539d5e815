import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { AGREEMENT_STATUSES, type AgreementStatus } from '../domain/service-agreement.js';
import type { InstitutionLevel, InstitutionType } from '../../directory/index.js';

export interface AgreementView {
  id: string;
  number: string;
  status: AgreementStatus;
  validFrom: string;
  validTo: string;
  institution: { id: string; name: string; kind: InstitutionType; level: InstitutionLevel | null; ownership: string | null; regionCode: string; regionName: string; keySupervision: boolean; creditRating: string | null };
  agency: { id: string; name: string; regionCode: string; level: 'province' | 'city' | 'county' };
  history: { at: string; fromStatus: AgreementStatus; toStatus: AgreementStatus; decisionId: string | null; reason: string }[];
}

export interface AgreementsParams { agencyId?: string; status?: string; kind?: string; q?: string; page?: number; pageSize?: number }

export class ListAgreementsQuery extends ActorQuery<{ items: AgreementView[]; total: number }> {
  constructor(actor: Actor, readonly params: AgreementsParams) { super(actor); }
}
export class GetAgreementQuery extends ActorQuery<AgreementView> {
  constructor(actor: Actor, readonly institutionId: string) { super(actor); }
}

/** A row of the agreements' list and detail statements (COLUMNS). */
interface AgreementRow {
  id: string; number: string; status: AgreementStatus; valid_from: string; valid_to: string;
  inst_id: string; inst_name: string; institution_type: InstitutionType; institution_level: InstitutionLevel | null; ownership: string | null;
  inst_region: string; region_name: string; key_supervision: boolean; credit_rating: string | null;
  agency_id: string; agency_name: string; agency_region: string; agency_level: 'province' | 'city' | 'county';
}
interface HistoryRow { at: Date | string; from_status: AgreementStatus; to_status: AgreementStatus; decision_id: string | null; reason: string }
const COLUMNS = `a.id, a.number, a.status, to_char(a.valid_from, 'YYYY-MM-DD') as valid_from, to_char(a.valid_to, 'YYYY-MM-DD') as valid_to,
  o.id as inst_id, o.name as inst_name, o.institution_type, o.institution_level, o.ownership, o.region_code as inst_region, r.name as region_name,
  o.key_supervision, o.credit_rating, g.id as agency_id, g.name as agency_name, g.region_code as agency_region, gr.level as agency_level`;
const FROM = `from service_agreement a join organization o on o.id = a.institution_id join region r on r.code = o.region_code
  join organization g on g.id = a.agency_id join region gr on gr.code = g.region_code`;

function view(r: AgreementRow, history: AgreementView['history'] = []): AgreementView {
  return {
    id: r.id, number: r.number, status: r.status, validFrom: r.valid_from, validTo: r.valid_to,
    institution: {
      id: r.inst_id, name: r.inst_name, kind: r.institution_type, level: r.institution_level, ownership: r.ownership, regionCode: r.inst_region,
      regionName: r.region_name, keySupervision: Boolean(r.key_supervision), creditRating: r.credit_rating ?? null,
    },
    agency: { id: r.agency_id, name: r.agency_name, regionCode: r.agency_region, level: r.agency_level },
    history,
  };
}

/** The agreements in the reader's scope (an institution: its own), filtered; an agency's own by default for agency staff. */
@QueryHandler(ListAgreementsQuery)
export class ListAgreementsHandler implements IQueryHandler<ListAgreementsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, params }: ListAgreementsQuery) {
    const where: string[] = [];
    const args: unknown[] = [];
    const agencyId = params.agencyId ?? (actor.organizationKind === 'agency' ? actor.organizationId : undefined);
    if (agencyId) { where.push('a.agency_id = ?'); args.push(agencyId); }
    if (params.status !== undefined) {
      if (!(AGREEMENT_STATUSES as readonly string[]).includes(params.status)) {
        throw DomainError.validation('agreement_status_invalid', {
          zh: `协议状态无效：${params.status}（可选 active、suspended、terminated）`, en: `invalid status ${params.status} (active, suspended, terminated)`,
        }, { field: 'status' });
      }
      where.push('a.status = ?'); args.push(params.status);
    }
    if (params.kind !== undefined) { where.push('o.institution_type = ?'); args.push(params.kind); }
    if (params.q?.trim()) { where.push(`(o.name like ? or a.number like ?)`); const like = `%${params.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`; args.push(like, like); }
    const page = Math.max(1, Math.trunc(params.page ?? 1) || 1);
    const pageSize = Math.min(500, Math.max(1, Math.trunc(params.pageSize ?? 50) || 50));
    const cond = where.length ? `where ${where.join(' and ')}` : '';
    const [{ n }] = await this.uow.em.execute<{ n: number }[]>(`select count(*)::int as n from service_agreement a join organization o on o.id = a.institution_id ${cond}`, args);
    const rows = await this.uow.em.execute<AgreementRow[]>(`select ${COLUMNS} ${FROM} ${cond} order by o.region_code, o.id limit ? offset ?`, [...args, pageSize, (page - 1) * pageSize]);
    return { items: rows.map((r) => view(r)), total: n };
  }
}

@QueryHandler(GetAgreementQuery)
export class GetAgreementHandler implements IQueryHandler<GetAgreementQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ institutionId }: GetAgreementQuery) {
    const [r] = await this.uow.em.execute<AgreementRow[]>(`select ${COLUMNS} ${FROM} where a.institution_id = ?`, [institutionId]);
    if (!r) throw DomainError.notFound({ zh: '服务协议', en: 'service agreement' }, institutionId);
    const history = await this.uow.em.execute<HistoryRow[]>(
      `select at, from_status, to_status, decision_id::text as decision_id, reason from service_agreement_history where agreement_id = ? order by at, id`, [r.id]);
    return view(r, history.map((h) => ({ at: new Date(h.at).toISOString(), fromStatus: h.from_status, toStatus: h.to_status, decisionId: h.decision_id, reason: h.reason })));
  }
}

export const AGREEMENT_QUERY_HANDLERS = [ListAgreementsHandler, GetAgreementHandler];

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { ActorQuery, ExportQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import {
  addListFilters, Conditions, exportListOf, isUuid, likeContains, listPageOf, statusList,
  type ListParams, type ListStatement, type SortFields,
} from '../../../platform/database/sql.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { Tip, TIP_STATUSES, type RewardStatus, type TipQuestion, type TipReward, type TipStatus } from '../domain/tip.js';
import { TipCrypto } from '../infrastructure/tip-crypto.js';
import { stateOf, TIP_COLUMNS, type TipRow } from '../infrastructure/tips.repository.js';
import { RECEIPT_NOT_FOUND } from './handlers.js';
import { TipLeads, type TipLeadOutcome } from './tip-leads.js';

// The tips' read side. Nothing here reads an envelope: the reporter is only ever returned by the
// audited ReadTipReporterCommand. The list and its export hold no reporter field at all.

export interface TipFilter extends ListParams { status?: string; page?: number; pageSize?: number }

export interface TipInstitution { id: string; name: string; regionCode: string; regionName: string }

/** A row of the intake list (and of its export). */
export interface TipListItem {
  id: string; institution: TipInstitution | null; personReported: string | null; facts: string; amountInvolved: number | null;
  anonymous: boolean; status: TipStatus; acceptDue: string; overdue: boolean; leadId: string | null; rewardStatus: RewardStatus | null;
  intakeOrgName: string; createdAt: string;
}

export interface TipView extends TipListItem {
  happenedOn: string | null; attachmentIds: string[]; decidedAt: string | null; decidedBy: string | null; decisionReason: string | null;
  questions: TipQuestion[]; reward: TipReward | null; leadOutcome: TipLeadOutcome | null;
  /** What the reader may do (the API decides again). */
  /** Intake staff of the owning bureau (questions, reward proposal and payment, whatever the reporter's mode). */
  mayHandle: boolean; mayDecide: boolean; mayReadReporter: boolean; mayApproveReward: boolean;
}

/** What the receipt page shows the holder of the receipt code — their own tip, nothing else. */
export interface TipReceiptView {
  status: TipStatus; createdAt: string; acceptDue: string; decidedAt: string | null;
  /** The reason given when the tip was not accepted. */
  rejectionReason: string | null;
  intakeOrgName: string; institutionName: string | null; personReported: string | null; facts: string; happenedOn: string | null;
  amountInvolved: number | null; anonymous: boolean;
  questions: { id: string; question: string; askedAt: string; answer: string | null; answeredAt: string | null }[];
  result: { status: string; result: TipLeadOutcome['result']; closedAt: string | null } | null;
  reward: { status: RewardStatus; amount: number; approvedAt: string | null; claimedAt: string | null; paidOn: string | null } | null;
}

/** A designated institution as the public lookup shows it: name, code, region — nothing else. */
export interface PublicInstitution { id: string; name: string; regionCode: string; regionName: string }

export class ListTipsQuery extends ListQuery<TipFilter, TipListItem> {}
export class ExportTipsQuery extends ExportQuery<TipFilter, TipListItem> {}
export class GetTipQuery extends ActorQuery<TipView> {
  constructor(actor: Actor, readonly id: string) { super(actor); }
}
export class TipReceiptQuery extends ActorQuery<TipReceiptView> {
  constructor(actor: Actor, readonly receipt: unknown) { super(actor); }
}
export class PublicInstitutionsQuery extends ActorQuery<PublicInstitution[]> {
  constructor(actor: Actor, readonly q: string) { super(actor); }
}

export const TIP_SORT: SortFields = {
  institution: 'coalesce(o.name, t.person_reported)', status: 't.status', acceptDue: 't.accept_due', amount: 't.amount_involved', createdAt: 't.created_at',
};
const TIP_ORDER = 't.created_at desc, t.id desc';

interface TipListRow extends TipRow { institution_name: string | null; region_code: string | null; region_name: string | null; intake_name: string | null }

const TIP_SELECT = `
  select ${TIP_COLUMNS}, o.name as institution_name, o.region_code, r.name as region_name, b.name as intake_name
    from tip t
    left join organization o on o.id = t.institution_org_id
    left join region r on r.code = o.region_code
    left join organization b on b.id = t.owner_org_id`;
const TIP_COUNT = `from tip t left join organization o on o.id = t.institution_org_id`;

function listItem(r: TipListRow, now = Date.now()): TipListItem {
  const s = stateOf(r);
  return {
    id: s.id,
    institution: s.institutionOrgId ? { id: s.institutionOrgId, name: r.institution_name ?? s.institutionOrgId, regionCode: r.region_code ?? '', regionName: r.region_name ?? '' } : null,
    personReported: s.personReported, facts: s.facts, amountInvolved: s.amountInvolved, anonymous: s.anonymous, status: s.status,
    acceptDue: s.acceptDue, overdue: s.status === 'received' && Date.parse(s.acceptDue) < now, leadId: s.leadId, rewardStatus: s.reward?.status ?? null,
    intakeOrgName: r.intake_name ?? s.ownerOrgId, createdAt: s.createdAt,
  };
}

async function tipConditions(uow: UnitOfWork, actor: Actor, filter: TipFilter): Promise<Conditions | null> {
  const where = new Conditions();
  const ok = await addListFilters(uow.em, where, filter, {
    institutionName: 'coalesce(o.name, t.person_reported)', institutionCode: 't.institution_org_id', regionPath: 't.region_path', date: 't.created_at',
  }, actor.regionPath);
  if (!ok) return null;
  const statuses = statusList(filter.status, TIP_STATUSES);
  if (statuses.length) where.add(`t.status = any(?::text[])`, `{${statuses.join(',')}}`);
  return where;
}

/** The tips' list, for its page and its export. */
const tipList = (uow: UnitOfWork, actor: Actor): ListStatement<TipFilter> => ({
  conditions: (filter) => tipConditions(uow, actor, filter),
  count: () => TIP_COUNT, select: TIP_SELECT, sort: TIP_SORT, idColumn: 't.id', defaultOrder: TIP_ORDER,
});

@QueryHandler(ListTipsQuery)
export class ListTipsHandler implements IQueryHandler<ListTipsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter }: ListTipsQuery) {
    const { rows, total } = await listPageOf<TipListRow, TipFilter>(this.uow.em, tipList(this.uow, actor), filter);
    return { items: rows.map((r) => listItem(r)), total };
  }
}

@QueryHandler(ExportTipsQuery)
export class ExportTipsHandler implements IQueryHandler<ExportTipsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor, filter, sink }: ExportTipsQuery) {
    return exportListOf(this.uow.em, tipList(this.uow, actor), filter, sink, (rows: TipListRow[]) => rows.map((r) => listItem(r)));
  }
}

@QueryHandler(GetTipQuery)
export class GetTipHandler implements IQueryHandler<GetTipQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly leads: TipLeads) {}
  async execute({ actor, id }: GetTipQuery): Promise<TipView> {
    const [r] = isUuid(id) ? await this.uow.em.execute<TipListRow[]>(`${TIP_SELECT} where t.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '举报', en: 'tip' }, id);
    const tip = Tip.restore(stateOf(r));
    const s = tip.state;
    return {
      ...listItem(r), happenedOn: s.happenedOn, attachmentIds: s.attachmentIds, decidedAt: s.decidedAt, decidedBy: s.decidedBy,
      decisionReason: s.decisionReason, questions: s.questions, reward: s.reward,
      leadOutcome: s.leadId ? await this.leads.outcome(actor, s.leadId) : null,
      mayHandle: tip.isIntake(actor),
      mayDecide: tip.isIntake(actor) && s.status === 'received',
      mayReadReporter: (tip.isIntake(actor) || tip.isApprover(actor)) && !s.anonymous,
      mayApproveReward: tip.isApprover(actor) && s.reward?.status === 'proposed',
    };
  }
}

@QueryHandler(TipReceiptQuery)
export class TipReceiptHandler implements IQueryHandler<TipReceiptQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly crypto: TipCrypto, private readonly leads: TipLeads) {}
  async execute({ actor, receipt }: TipReceiptQuery): Promise<TipReceiptView> {
    const hash = await this.crypto.receiptHash(receipt);
    const [r] = hash ? await this.uow.em.execute<TipListRow[]>(`${TIP_SELECT} where t.receipt_hash = ?`, [hash]) : [];
    if (!r) throw RECEIPT_NOT_FOUND;
    const s = stateOf(r);
    const outcome = s.leadId ? await this.leads.outcome(actor, s.leadId) : null;
    return {
      status: s.status, createdAt: s.createdAt, acceptDue: s.acceptDue, decidedAt: s.decidedAt,
      rejectionReason: s.status === 'rejected' ? s.decisionReason : null,
      intakeOrgName: r.intake_name ?? '', institutionName: r.institution_name, personReported: s.personReported, facts: s.facts,
      happenedOn: s.happenedOn, amountInvolved: s.amountInvolved, anonymous: s.anonymous,
      questions: s.questions.map((q) => ({ id: q.id, question: q.question, askedAt: q.askedAt, answer: q.answer, answeredAt: q.answeredAt })),
      result: outcome ? { status: outcome.status, result: outcome.result, closedAt: outcome.closedAt } : null,
      reward: s.reward ? { status: s.reward.status, amount: s.reward.amount, approvedAt: s.reward.approvedAt, claimedAt: s.reward.claimedAt, paidOn: s.reward.paidOn } : null,
    };
  }
}

@QueryHandler(PublicInstitutionsQuery)
export class PublicInstitutionsHandler implements IQueryHandler<PublicInstitutionsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ q }: PublicInstitutionsQuery): Promise<PublicInstitution[]> {
    const text = q.trim();
    if (text.length < 2) return [];
    const rows = await this.uow.em.execute<{ id: string; name: string; region_code: string; region_name: string }[]>(
      `select o.id, o.name, o.region_code, r.name as region_name from organization o join region r on r.code = o.region_code
        where o.kind = 'institution' and (o.name like ? or o.id = ?) order by o.name, o.id limit 20`, [likeContains(text), text]);
    return rows.map((o) => ({ id: o.id, name: o.name, regionCode: o.region_code, regionName: o.region_name }));
  }
}

/**
 * The intake staff's queue for the to-do centre (the acceptance limit's reminder, issue 17): the
 * bureau's tips awaiting a decision and the nearest limit — overdue ones included, counted as such.
 */
export class TipsTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(TipsTodoQuery)
export class TipsTodoHandler implements IQueryHandler<TipsTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: TipsTodoQuery): Promise<TodoCount[]> {
    if (actor.organizationKind !== 'bureau' || !actor.roles.some((r) => r === 'county_staff' || r === 'city_agency_staff' || r === 'province_official')) return [];
    const [row] = await this.uow.em.execute<CountRow[]>(
      `select count(*)::int as n, to_char(min(accept_due) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as due
         from tip where owner_org_id = ? and status = 'received'`, [actor.organizationId]);
    return todoOf('tips_to_accept', row);
  }
}

export const TIP_QUERY_HANDLERS = [ListTipsHandler, ExportTipsHandler, GetTipHandler, TipReceiptHandler, PublicInstitutionsHandler, TipsTodoHandler];

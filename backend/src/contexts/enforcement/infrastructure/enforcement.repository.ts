import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import {
  EnforcementCase, type CaseDocument, type CasePlace, type CaseSource, type CaseStatus,
} from '../domain/enforcement-case.js';

/** The columns of a CaseRow, of the table aliased `a` (e.g. 'c.') or unaliased (''). */
export const caseColumns = (a = '') => `${a}id, ${a}case_no, ${a}region_path, ${a}owner_org_id, ${a}source, ${a}source_ref, ${a}region_code,
  ${a}institution_org_id, ${a}subject, ${a}facts, ${a}amount_involved::text as amount_involved, ${a}major, ${a}status, ${a}investigation, ${a}notice,
  ${a}statement, ${a}legal_review, ${a}deliberation, ${a}decision, ${a}service, ${a}execution, ${a}remedy, ${a}extension,
  to_char(${a}due_date, 'YYYY-MM-DD') as due_date, ${a}overdue, ${a}penalty_amount::text as penalty_amount, ${a}recovery_amount::text as recovery_amount,
  ${a}proposed_at, ${a}proposed_by, ${a}proposed_by_user_id, ${a}filed_at, ${a}decided_at, ${a}published_at, ${a}closed_at, ${a}version`;

/** A row of caseColumns() (timestamps and numerics as the driver returns them). */
export interface CaseRow {
  id: string; case_no: string; region_path: string; owner_org_id: string; source: CaseSource; source_ref: string | null; region_code: string;
  institution_org_id: string | null; subject: string; facts: string; amount_involved: string | null; major: boolean; status: CaseStatus;
  investigation: EnforcementCase['investigation']; notice: EnforcementCase['notice']; statement: EnforcementCase['statement'];
  legal_review: EnforcementCase['legalReview']; deliberation: EnforcementCase['deliberation']; decision: EnforcementCase['decision'];
  service: EnforcementCase['service']; execution: EnforcementCase['execution']; remedy: EnforcementCase['remedy']; extension: EnforcementCase['extension'];
  due_date: string | null; overdue: boolean; penalty_amount: string | null; recovery_amount: string | null; proposed_at: string; proposed_by: string;
  proposed_by_user_id: string; filed_at: string | null; decided_at: string | null; published_at: string | null; closed_at: string | null; version: number;
}

const date = (v: string | Date | null) => (v ? new Date(v) : null);

export function toCase(r: CaseRow): EnforcementCase {
  return Object.assign(new EnforcementCase(), {
    id: r.id, caseNo: Number(r.case_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, source: r.source, sourceRef: r.source_ref,
    regionCode: r.region_code, institutionOrgId: r.institution_org_id, subject: r.subject, facts: r.facts, amountInvolved: r.amount_involved,
    major: Boolean(r.major), status: r.status, investigation: r.investigation ?? { officers: [], records: [] }, notice: r.notice, statement: r.statement,
    legalReview: r.legal_review, deliberation: r.deliberation, decision: r.decision, service: r.service, execution: r.execution ?? [], remedy: r.remedy,
    extension: r.extension, dueDate: r.due_date, overdue: Boolean(r.overdue), penaltyAmount: r.penalty_amount, recoveryAmount: r.recovery_amount,
    proposedAt: new Date(r.proposed_at), proposedBy: r.proposed_by, proposedByUserId: r.proposed_by_user_id, filedAt: date(r.filed_at),
    decidedAt: date(r.decided_at), publishedAt: date(r.published_at), closedAt: date(r.closed_at), version: Number(r.version),
  });
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Enforcement cases and their timeline in the current unit of work, with SQL (row-level security
 * applies to every statement: the bureau and its region subtree read a case). A loaded case is
 * locked for the transaction.
 */
@Injectable()
export class EnforcementCases extends SqlRepository {
  constructor(uow: UnitOfWork) {
    super(uow);
  }

  async find(id: string): Promise<EnforcementCase | null> {
    const [r] = isUuid(id) ? await this.q<CaseRow>(`select ${caseColumns()} from enforcement_case where id = ? for update`, [id]) : [];
    return r ? this.uow.track(toCase(r)) : null;
  }

  async load(id: string): Promise<EnforcementCase> {
    const c = await this.find(id);
    if (!c) throw DomainError.notFound({ zh: '执法案件', en: 'enforcement case' }, id);
    return c;
  }

  async save(c: EnforcementCase): Promise<void> {
    this.uow.track(c);
    if (c.isNew) {
      const [row] = await this.q<{ case_no: string }>(
        `insert into enforcement_case (id, region_path, owner_org_id, source, source_ref, region_code, institution_org_id, subject, facts, amount_involved,
           major, status, proposed_at, proposed_by, proposed_by_user_id, version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) returning case_no`,
        [c.id, c.regionPath, c.ownerOrgId, c.source, c.sourceRef, c.regionCode, c.institutionOrgId, c.subject, c.facts, c.amountInvolved,
          c.major, c.status, c.proposedAt, c.proposedBy, c.proposedByUserId]);
      c.caseNo = Number(row!.case_no);
      c.isNew = false;
    } else {
      const rows = await this.q<{ version: number }>(
        `update enforcement_case set major = ?, status = ?, investigation = ?::jsonb, notice = ?::jsonb, statement = ?::jsonb, legal_review = ?::jsonb,
           deliberation = ?::jsonb, decision = ?::jsonb, service = ?::jsonb, execution = ?::jsonb, remedy = ?::jsonb, extension = ?::jsonb, due_date = ?,
           overdue = ?, penalty_amount = ?, recovery_amount = ?, filed_at = ?, decided_at = ?, published_at = ?, closed_at = ?, version = version + 1
          where id = ? and version = ? returning version`,
        [c.major, c.status, JSON.stringify(c.investigation), json(c.notice), json(c.statement), json(c.legalReview), json(c.deliberation), json(c.decision),
          json(c.service), JSON.stringify(c.execution), json(c.remedy), json(c.extension), c.dueDate, c.overdue, c.penaltyAmount, c.recoveryAmount,
          c.filedAt, c.decidedAt, c.publishedAt, c.closedAt, c.id, c.version]);
      if (!rows.length) {
        throw DomainError.conflict('case_changed', { zh: '案件已被他人修改，请刷新后重试', en: 'the case was changed meanwhile: reload and retry' });
      }
      c.version = Number(rows[0]!.version);
    }
    for (const h of c.newTimeline.splice(0)) {
      await this.q(
        `insert into enforcement_case_timeline (id, case_id, region_path, owner_org_id, at, action, by_user_id, by_name, by_org_id, comment, documents)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
        [randomUUID(), c.id, c.regionPath, c.ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.byOrgId, h.comment, JSON.stringify(h.documents)]);
    }
  }

  /** The region a case concerns (it must lie in the actor's area, which the domain checks) and the institution, if named. */
  async place(regionCode: unknown, institutionOrgId: unknown): Promise<CasePlace> {
    const code = typeof regionCode === 'string' ? regionCode.trim() : '';
    const [region] = /^\d{2,12}$/.test(code) ? await this.q<{ code: string; path: string }>(`select code, path from region where code = ?`, [code]) : [];
    if (!region) {
      throw DomainError.validation('case_region_unknown', { zh: `地区代码不存在：${code || '（未填写）'}`, en: `unknown region code: ${code || '(none given)'}` }, { field: 'regionCode' });
    }
    let institution: CasePlace['institution'] = null;
    if (institutionOrgId !== null && institutionOrgId !== undefined && institutionOrgId !== '') {
      const id = typeof institutionOrgId === 'string' ? institutionOrgId.trim() : '';
      const [o] = id ? await this.q<{ id: string; region_path: string }>(`select id, region_path from organization where id = ? and kind = 'institution'`, [id]) : [];
      if (!o) {
        throw DomainError.validation('case_institution_unknown', { zh: `定点医药机构不存在：${id || String(institutionOrgId)}`, en: `institution not found: ${id || String(institutionOrgId)}` }, { field: 'institutionOrgId' });
      }
      institution = { id: o.id, regionPath: o.region_path };
    }
    return { regionCode: region.code, regionPath: region.path, institution };
  }

  /**
   * The documents of a step: attachments uploaded in the case's bureau's scope, with their SHA-256
   * hashes (the hash the attachment store computed on upload); a bilingual 400 for any other id.
   */
  async documents(ids: unknown): Promise<CaseDocument[]> {
    if (ids === undefined || ids === null) return [];
    const list = Array.isArray(ids) ? ids.map((i) => (typeof i === 'string' ? i.trim() : '')) : [''];
    if (list.length > 50) {
      throw DomainError.validation('case_documents_too_many', { zh: '每个步骤最多 50 份附件', en: 'at most 50 documents per step' }, { field: 'attachmentIds' });
    }
    const good = [...new Set(list.filter(isUuid).map((i) => i.toLowerCase()))];
    const rows = good.length
      ? await this.q<{ id: string; filename: string; sha256: string }>(`select id::text as id, filename, sha256 from attachment where id = any(?::uuid[])`, [pgArray(good)])
      : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    const unknown = list.filter((i) => !isUuid(i) || !found.has(i.toLowerCase()));
    if (unknown.length) {
      throw DomainError.validation('attachment_unknown', {
        zh: `附件不存在或不在本部门范围内：${unknown.join('、')}`, en: `attachments not found in your scope: ${unknown.join(', ')}`,
      }, { attachmentIds: unknown });
    }
    return good.map((id) => ({ attachmentId: id, filename: found.get(id)!.filename, sha256: found.get(id)!.sha256 }));
  }
}

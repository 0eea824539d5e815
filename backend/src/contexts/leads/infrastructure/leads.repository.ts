import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid, pgArray } from '../../../platform/database/sql.js';
import {
  Lead, type LeadAssignment, type LeadDismissal, type LeadExtension, type LeadPlace, type LeadResult, type LeadStatus, type LeadUnit,
} from '../domain/lead.js';
import type { LeadSource } from '../domain/time-limits.js';

/** The columns of a LeadRow, of the table aliased `a` (e.g. 'l.') or unaliased (''). */
export const leadColumns = (a = '') => `${a}id, ${a}ledger_no, ${a}region_path, ${a}owner_org_id, ${a}registered_org_id, ${a}registered_region_path, ${a}source,
  ${a}source_ref, ${a}region_code, ${a}institution_org_id, ${a}subject, ${a}facts, ${a}amount_involved::text as amount_involved, ${a}status, ${a}valuable,
  ${a}assessment_reasons, ${a}dismissal, ${a}assignments, to_char(${a}due_date, 'YYYY-MM-DD') as due_date, ${a}overdue, ${a}extension, ${a}inspection_id,
  ${a}result, ${a}confirmed_amount::text as confirmed_amount, ${a}result_summary, ${a}report_level, ${a}closed_at, ${a}reported_at, ${a}accepted_at,
  ${a}registered_at, ${a}registered_by, ${a}registered_by_user_id, ${a}version`;

/** A row of leadColumns() (timestamps and numerics as the driver returns them: strings). */
export interface LeadRow {
  id: string; ledger_no: string; region_path: string; owner_org_id: string; registered_org_id: string; registered_region_path: string;
  source: LeadSource; source_ref: string | null; region_code: string; institution_org_id: string | null; subject: string; facts: string;
  amount_involved: string | null; status: LeadStatus; valuable: boolean | null; assessment_reasons: string | null; dismissal: LeadDismissal | null;
  assignments: LeadAssignment[]; due_date: string | null; overdue: boolean; extension: LeadExtension | null; inspection_id: string | null;
  result: LeadResult | null; confirmed_amount: string | null; result_summary: string | null; report_level: number | null;
  closed_at: string | null; reported_at: string | null; accepted_at: string | null; registered_at: string; registered_by: string;
  registered_by_user_id: string; version: number;
}

const date = (v: string | null) => (v ? new Date(v) : null);

export function toLead(r: LeadRow): Lead {
  return Object.assign(new Lead(), {
    id: r.id, ledgerNo: Number(r.ledger_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, registeredOrgId: r.registered_org_id,
    registeredRegionPath: r.registered_region_path, source: r.source, sourceRef: r.source_ref, regionCode: r.region_code,
    institutionOrgId: r.institution_org_id, subject: r.subject, facts: r.facts, amountInvolved: r.amount_involved, status: r.status,
    valuable: r.valuable, assessmentReasons: r.assessment_reasons, dismissal: r.dismissal, assignments: r.assignments ?? [],
    dueDate: r.due_date, overdue: Boolean(r.overdue), extension: r.extension, inspectionId: r.inspection_id, result: r.result,
    confirmedAmount: r.confirmed_amount, resultSummary: r.result_summary, reportLevel: r.report_level === null ? null : Number(r.report_level),
    closedAt: date(r.closed_at), reportedAt: date(r.reported_at), acceptedAt: date(r.accepted_at), registeredAt: new Date(r.registered_at),
    registeredBy: r.registered_by, registeredByUserId: r.registered_by_user_id, version: Number(r.version),
  });
}

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Leads and their history in the current unit of work, with SQL (row-level security applies to
 * every statement: the holder and every unit above it read a lead). A loaded lead is locked for the
 * transaction.
 */
@Injectable()
export class Leads extends SqlRepository {
  constructor(uow: UnitOfWork) {
    super(uow);
  }

  async find(id: string): Promise<Lead | null> {
    const [r] = isUuid(id) ? await this.q<LeadRow>(`select ${leadColumns()} from lead where id = ? for update`, [id]) : [];
    return r ? this.uow.track(toLead(r)) : null;
  }

  async load(id: string): Promise<Lead> {
    const l = await this.find(id);
    if (!l) throw DomainError.notFound({ zh: '线索', en: 'lead' }, id);
    return l;
  }

  async save(l: Lead): Promise<void> {
    this.uow.track(l);
    if (l.isNew) {
      const [row] = await this.q<{ ledger_no: string }>(
        `insert into lead (id, region_path, owner_org_id, registered_org_id, registered_region_path, source, source_ref, region_code, institution_org_id,
           subject, facts, amount_involved, status, assignments, due_date, overdue, registered_at, registered_by, registered_by_user_id, version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, 1) returning ledger_no`,
        [l.id, l.regionPath, l.ownerOrgId, l.registeredOrgId, l.registeredRegionPath, l.source, l.sourceRef, l.regionCode, l.institutionOrgId,
          l.subject, l.facts, l.amountInvolved, l.status, JSON.stringify(l.assignments), l.dueDate, l.overdue, l.registeredAt, l.registeredBy, l.registeredByUserId]);
      l.ledgerNo = Number(row!.ledger_no);
      l.isNew = false;
    } else {
      const rows = await this.q<{ version: number }>(
        `update lead set region_path = ?, owner_org_id = ?, status = ?, valuable = ?, assessment_reasons = ?, dismissal = ?::jsonb, assignments = ?::jsonb,
           due_date = ?, overdue = ?, extension = ?::jsonb, inspection_id = ?, result = ?, confirmed_amount = ?, result_summary = ?, report_level = ?,
           closed_at = ?, reported_at = ?, accepted_at = ?, version = version + 1
          where id = ? and version = ? returning version`,
        [l.regionPath, l.ownerOrgId, l.status, l.valuable, l.assessmentReasons, json(l.dismissal), JSON.stringify(l.assignments), l.dueDate, l.overdue,
          json(l.extension), l.inspectionId, l.result, l.confirmedAmount, l.resultSummary, l.reportLevel, l.closedAt, l.reportedAt, l.acceptedAt,
          l.id, l.version]);
      if (!rows.length) {
        throw DomainError.conflict('lead_changed', { zh: '线索已被他人修改，请刷新后重试', en: 'the lead was changed meanwhile: reload and retry' });
      }
      l.version = Number(rows[0]!.version);
    }
    if (l.moved) {
      // The history follows the lead into the new holder's ledger (the assigner, above, still reads it).
      await this.q(`update lead_history set region_path = ?, owner_org_id = ? where lead_id = ?`, [l.regionPath, l.ownerOrgId, l.id]);
      l.moved = false;
    }
    for (const h of l.newHistory.splice(0)) {
      await this.q(
        `insert into lead_history (id, lead_id, region_path, owner_org_id, at, action, by_user_id, by_name, by_org_id, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), l.id, l.regionPath, l.ownerOrgId, h.at, h.action, h.byUserId, h.byName, h.byOrgId, h.comment]);
    }
  }

  /** The region a lead concerns (any region: it must lie in the actor's area, which the domain checks) and the institution, if named and readable. */
  async place(regionCode: unknown, institutionOrgId: unknown): Promise<LeadPlace> {
    const code = typeof regionCode === 'string' ? regionCode.trim() : '';
    const [region] = /^\d{2,12}$/.test(code) ? await this.q<{ code: string; path: string }>(`select code, path from region where code = ?`, [code]) : [];
    if (!region) {
      throw DomainError.validation('lead_region_unknown', { zh: `地区代码不存在：${code || '（未填写）'}`, en: `unknown region code: ${code || '(none given)'}` }, { field: 'regionCode' });
    }
    let institution: LeadPlace['institution'] = null;
    if (institutionOrgId !== null && institutionOrgId !== undefined && institutionOrgId !== '') {
      const id = typeof institutionOrgId === 'string' ? institutionOrgId.trim() : '';
      const [o] = id ? await this.q<{ id: string; region_path: string }>(`select id, region_path from organization where id = ? and kind = 'institution'`, [id]) : [];
      if (!o) {
        throw DomainError.validation('lead_institution_unknown', { zh: `定点医药机构不存在：${id || String(institutionOrgId)}`, en: `institution not found: ${id || String(institutionOrgId)}` }, { field: 'institutionOrgId' });
      }
      institution = { id: o.id, regionPath: o.region_path };
    }
    return { regionCode: region.code, regionPath: region.path, institution };
  }

  /** Institutions by code (the organization's id), with their region, for an alert import. */
  async institutionsByCode(codes: string[]): Promise<Map<string, { id: string; name: string; regionCode: string; regionPath: string }>> {
    const rows = codes.length ? await this.q<{ id: string; name: string; region_code: string; region_path: string }>(
      `select id, name, region_code, region_path from organization where kind = 'institution' and id = any(?::text[])`, [pgArray(codes)]) : [];
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, regionCode: r.region_code, regionPath: r.region_path }]));
  }

  /**
   * The leads a unit registered from these smart-monitoring alerts (by source reference), wherever
   * they are held now. Takes the unit's import lock first: two imports of the same file at once are
   * one after the other, so the second finds the first's leads.
   */
  async alertsRegisteredBy(orgId: string, sourceRefs: string[]): Promise<Map<string, { leadId: string; ledgerNo: number }>> {
    await this.q(`select pg_advisory_xact_lock(hashtextextended(?, 17))`, [`lead-alert-import:${orgId}`]);
    const rows = sourceRefs.length ? await this.q<{ id: string; ledger_no: string; source_ref: string }>(
      `select id, ledger_no, source_ref from lead where source = 'smart_monitoring' and registered_org_id = ? and source_ref = any(?::text[])`,
      [orgId, pgArray(sourceRefs)]) : [];
    return new Map(rows.map((r) => [r.source_ref, { leadId: r.id, ledgerNo: Number(r.ledger_no) }]));
  }

  async unit(id: unknown): Promise<LeadUnit | undefined> {
    if (typeof id !== 'string' || !id) return undefined;
    const [o] = await this.q<LeadUnit>(`select id, name, kind, region_path as "regionPath" from organization where id = ?`, [id]);
    return o;
  }
}

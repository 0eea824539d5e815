import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  DEFAULT_CHECKLIST_AUTHOR,
  DEFAULT_CHECKLIST_CREATED_AT,
  DEFAULT_CHECKLIST_ITEMS,
  type Checklist,
  type ChecklistItem,
} from '../domain/checklist.js';
import { IcAudit, type AnswerRow, type FindingRow, type ResultRow, type StaffRow, type TeamMember } from '../domain/ic-audit.js';
import { IcPlan, type AgencyRef } from '../domain/ic-plan.js';
import { isUuid } from '../../../platform/database/sql.js';
import { provincePathOf } from '../../../kernel/region-path.js';

export { isUuid, provincePathOf };

/** A row of ic_checklist's version, items, created_at (a string, as the driver returns it), created_by. */
interface ChecklistRow { version: number; items: ChecklistItem[]; created_at: string; created_by: string }
interface PlanRow {
  id: string; region_path: string; owner_org_id: string; year: number; title: string; period_start: string; period_end: string;
  status: IcPlan['status']; created_at: string; created_by: string; published_at: string | null;
}
/** A row of AUDIT_COLUMNS (dates as YYYY-MM-DD: nd, sd, fs, fe; timestamps as strings). */
interface AuditRow {
  id: string; region_path: string; owner_org_id: string; plan_id: string; province_path: string; follow_up_of: string | null; status: IcAudit['status'];
  nd: string; sd: string; fs: string; fe: string; team: TeamMember[]; checklist_version: number; self_assessment_overdue: boolean;
  self_assessment_submitted_at: string | null; created_at: string; closed_at: string | null; version: number;
}
const AUDIT_COLUMNS = `a.id, a.region_path, a.owner_org_id, a.plan_id, a.province_path, a.follow_up_of, a.status,
  to_char(a.notice_date, 'YYYY-MM-DD') as nd, to_char(a.self_assessment_due, 'YYYY-MM-DD') as sd, to_char(a.fieldwork_start, 'YYYY-MM-DD') as fs,
  to_char(a.fieldwork_end, 'YYYY-MM-DD') as fe, a.team, a.checklist_version, a.self_assessment_overdue, a.self_assessment_submitted_at,
  a.created_at, a.closed_at, a.version`;
/** A row of ic_self_assessment or ic_result with the attachments as text[] (`ids`). */
export interface AnswerSqlRow { item_code: string; answer: AnswerRow['answer']; note: string | null; ids: string[] }
export interface ResultSqlRow { item_code: string; result: ResultRow['result']; note: string | null; ids: string[] }
export interface StaffPostSqlRow { person_id: string; person_name: string; posts: StaffRow['posts'] }
/** A row of IC_FINDING_COLUMNS (`ic_finding f`): `due` the rectification due date as YYYY-MM-DD. */
export interface IcFindingSqlRow {
  id: string; area: FindingRow['area']; item_code: string | null; source: FindingRow['source']; description: string; due: string;
  status: FindingRow['status']; rectification: FindingRow['rectification']; verification: FindingRow['verification']; overdue: boolean;
  ord: number; created_at: string;
}
export const IC_FINDING_COLUMNS = `f.id, f.area, f.item_code, f.source, f.description, to_char(f.rectification_due, 'YYYY-MM-DD') as due, f.status,
  f.rectification, f.verification, f.overdue, f.ord, f.created_at`;
interface AgencyRow { id: string; name: string; kind: string; region_code: string; region_path: string }


export interface InspectorRef { id: string; name: string; organizationId: string; organizationName: string }

/**
 * Plans, audits and checklists in the current unit of work, with SQL (row-level security applies
 * to every statement). Audits are loaded with their child rows and locked for the transaction.
 */
@Injectable()
export class InternalControl extends SqlRepository {
  // ---- checklist

  /** The province's latest checklist; the built-in default (version 1) until one is stored. */
  async latestChecklist(provincePath: string): Promise<Checklist> {
    const [row] = await this.q<ChecklistRow>(
      `select version, items, created_at, created_by from ic_checklist where region_path = ? order by version desc limit 1`, [provincePath]);
    return row ? toChecklist(row) : defaultChecklist();
  }

  async checklistVersion(provincePath: string, version: number): Promise<Checklist> {
    const [row] = await this.q<ChecklistRow>(`select version, items, created_at, created_by from ic_checklist where region_path = ? and version = ?`, [provincePath, version]);
    if (row) return toChecklist(row);
    if (version === 1) return defaultChecklist();
    throw new Error(`checklist version ${version} of ${provincePath} missing`);
  }

  /** Stores the default as version 1 when the province has none, so that audits pin a stored version. */
  async ensureChecklist(provincePath: string, ownerOrgId: string): Promise<Checklist> {
    await this.q(`select pg_advisory_xact_lock(hashtext(?))`, [`ic-checklist:${provincePath}`]);
    const [row] = await this.q<{ n: number }>(`select count(*)::int as n from ic_checklist where region_path = ?`, [provincePath]);
    if (!row.n) {
      await this.q(`insert into ic_checklist (id, region_path, owner_org_id, version, items, created_at, created_by) values (?, ?, ?, 1, ?::jsonb, ?, ?)`,
        [randomUUID(), provincePath, ownerOrgId, JSON.stringify(DEFAULT_CHECKLIST_ITEMS), DEFAULT_CHECKLIST_CREATED_AT, DEFAULT_CHECKLIST_AUTHOR]);
    }
    return this.latestChecklist(provincePath);
  }

  async addChecklistVersion(provincePath: string, ownerOrgId: string, items: ChecklistItem[], by: string, now: Date): Promise<Checklist> {
    const latest = await this.ensureChecklist(provincePath, ownerOrgId);
    await this.q(`insert into ic_checklist (id, region_path, owner_org_id, version, items, created_at, created_by) values (?, ?, ?, ?, ?::jsonb, ?, ?)`,
      [randomUUID(), provincePath, ownerOrgId, latest.version + 1, JSON.stringify(items), now, by]);
    return this.latestChecklist(provincePath);
  }

  // ---- plans

  async loadPlan(id: string): Promise<IcPlan> {
    const [r] = isUuid(id) ? await this.q<PlanRow>(
      `select id, region_path, owner_org_id, year, title, to_char(period_start, 'YYYY-MM-DD') as period_start,
              to_char(period_end, 'YYYY-MM-DD') as period_end, status, created_at, created_by, published_at
         from ic_audit_plan where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '内控检查计划', en: 'audit plan' }, id);
    const plan = Object.assign(new IcPlan(), {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, year: Number(r.year), title: r.title,
      periodStart: r.period_start, periodEnd: r.period_end, status: r.status, createdAt: new Date(r.created_at),
      createdBy: r.created_by, publishedAt: r.published_at ? new Date(r.published_at) : null,
    });
    return this.uow.track(plan);
  }

  async savePlan(plan: IcPlan): Promise<void> {
    this.uow.track(plan);
    if (plan.isNew) {
      const [dup] = await this.q<{ id: string }>(`select id from ic_audit_plan where owner_org_id = ? and year = ?`, [plan.ownerOrgId, plan.year]);
      if (dup) {
        throw DomainError.conflict('ic_plan_exists', { zh: `${plan.year} 年度内控检查计划已存在`, en: `an audit plan for ${plan.year} exists already` }, { planId: dup.id });
      }
      await this.q(
        `insert into ic_audit_plan (id, region_path, owner_org_id, year, title, period_start, period_end, status, created_at, created_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [plan.id, plan.regionPath, plan.ownerOrgId, plan.year, plan.title, plan.periodStart, plan.periodEnd, plan.status, plan.createdAt, plan.createdBy]);
      plan.isNew = false;
    } else {
      await this.q(`update ic_audit_plan set status = ?, published_at = ?, version = version + 1 where id = ?`, [plan.status, plan.publishedAt, plan.id]);
    }
  }

  // ---- audits

  async loadAudit(id: string): Promise<IcAudit> {
    const [r] = isUuid(id) ? await this.q<AuditRow>(`select ${AUDIT_COLUMNS} from ic_audit a where a.id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '内控检查', en: 'audit' }, id);
    const audit = Object.assign(new IcAudit(), {
      id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, planId: r.plan_id, provincePath: r.province_path,
      followUpOf: r.follow_up_of, status: r.status,
      dates: { noticeDate: r.nd, selfAssessmentDue: r.sd, fieldworkStart: r.fs, fieldworkEnd: r.fe },
      team: r.team, checklistVersion: Number(r.checklist_version),
      selfAssessmentOverdue: Boolean(r.self_assessment_overdue),
      selfAssessmentSubmittedAt: r.self_assessment_submitted_at ? new Date(r.self_assessment_submitted_at) : null,
      createdAt: new Date(r.created_at), closedAt: r.closed_at ? new Date(r.closed_at) : null, version: Number(r.version),
    });
    audit.checklist = (await this.checklistVersion(audit.provincePath, audit.checklistVersion)).items;
    audit.answers = (await this.q<AnswerSqlRow>(`select item_code, answer, note, attachment_ids::text[] as ids from ic_self_assessment where audit_id = ? order by item_code`, [id]))
      .map((a) => ({ itemCode: a.item_code, answer: a.answer, note: a.note, attachmentIds: a.ids }));
    audit.results = (await this.q<ResultSqlRow>(`select item_code, result, note, attachment_ids::text[] as ids from ic_result where audit_id = ? order by item_code`, [id]))
      .map((a) => ({ itemCode: a.item_code, result: a.result, note: a.note, attachmentIds: a.ids }));
    audit.staff = (await this.q<StaffPostSqlRow>(`select person_id, person_name, posts::text[] as posts from ic_staff_post where audit_id = ? order by ord`, [id]))
      .map((s) => ({ personId: s.person_id, personName: s.person_name, posts: s.posts }));
    audit.findings = (await this.q<IcFindingSqlRow>(`select ${IC_FINDING_COLUMNS} from ic_finding f where f.audit_id = ? order by f.ord`, [id])).map(toFinding);
    return this.uow.track(audit);
  }

  async saveAudit(a: IcAudit): Promise<void> {
    this.uow.track(a);
    const tenancy = [a.regionPath, a.ownerOrgId];
    if (a.isNew) {
      await this.q(
        `insert into ic_audit (id, region_path, owner_org_id, plan_id, province_path, follow_up_of, status, notice_date, self_assessment_due,
                               fieldwork_start, fieldwork_end, team, checklist_version, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
        [a.id, ...tenancy, a.planId, a.provincePath, a.followUpOf, a.status, a.dates.noticeDate, a.dates.selfAssessmentDue,
          a.dates.fieldworkStart, a.dates.fieldworkEnd, JSON.stringify(a.team), a.checklistVersion, a.createdAt]);
      a.isNew = false;
    } else {
      await this.q(
        `update ic_audit set status = ?, team = ?::jsonb, self_assessment_overdue = ?, self_assessment_submitted_at = ?, closed_at = ?,
                version = version + 1 where id = ?`,
        [a.status, JSON.stringify(a.team), a.selfAssessmentOverdue, a.selfAssessmentSubmittedAt, a.closedAt, a.id]);
    }
    const uuids = (ids: string[]) => `{${ids.join(',')}}`;
    if (a.dirty.answers) {
      await this.q(`delete from ic_self_assessment where audit_id = ?`, [a.id]);
      for (const r of a.answers) {
        await this.q(`insert into ic_self_assessment (audit_id, item_code, region_path, owner_org_id, answer, note, attachment_ids) values (?, ?, ?, ?, ?, ?, ?::uuid[])`,
          [a.id, r.itemCode, ...tenancy, r.answer, r.note, uuids(r.attachmentIds)]);
      }
    }
    if (a.dirty.results) {
      await this.q(`delete from ic_result where audit_id = ?`, [a.id]);
      for (const r of a.results) {
        await this.q(`insert into ic_result (audit_id, item_code, region_path, owner_org_id, result, note, attachment_ids) values (?, ?, ?, ?, ?, ?, ?::uuid[])`,
          [a.id, r.itemCode, ...tenancy, r.result, r.note, uuids(r.attachmentIds)]);
      }
    }
    if (a.dirty.staff) {
      await this.q(`delete from ic_staff_post where audit_id = ?`, [a.id]);
      let ord = 0;
      for (const s of a.staff) {
        await this.q(`insert into ic_staff_post (audit_id, person_id, region_path, owner_org_id, person_name, posts, ord) values (?, ?, ?, ?, ?, ?::text[], ?)`,
          [a.id, s.personId, ...tenancy, s.personName, `{${s.posts.join(',')}}`, ord++]);
      }
    }
    for (const f of a.findings.filter((x) => a.dirty.findings.has(x.id))) {
      await this.q(
        `insert into ic_finding (id, audit_id, region_path, owner_org_id, area, item_code, source, description, rectification_due, status,
                                 rectification, verification, overdue, ord, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
         on conflict (id) do update set rectification_due = excluded.rectification_due, status = excluded.status,
           rectification = excluded.rectification, verification = excluded.verification, overdue = excluded.overdue`,
        [f.id, a.id, ...tenancy, f.area, f.itemCode, f.source, f.description, f.rectificationDue, f.status,
          f.rectification ? JSON.stringify(f.rectification) : null, f.verification ? JSON.stringify(f.verification) : null, f.overdue, f.ord, f.createdAt]);
    }
    for (const h of a.newHistory) {
      await this.q(`insert into ic_audit_history (id, audit_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [h.id, a.id, ...tenancy, h.at, h.action, h.byUserId, h.byName, h.comment]);
    }
    a.dirty = { answers: false, results: false, staff: false, findings: new Set() };
    a.newHistory = [];
  }

  async planAudits(planId: string): Promise<{ id: string; ownerOrgId: string; team: TeamMember[]; followUpOf: string | null }[]> {
    return (await this.q<{ id: string; owner_org_id: string; team: TeamMember[]; follow_up_of: string | null }>(`select id, owner_org_id, team, follow_up_of from ic_audit where plan_id = ? order by region_path, id`, [planId]))
      .map((r) => ({ id: r.id, ownerOrgId: r.owner_org_id, team: r.team, followUpOf: r.follow_up_of }));
  }

  // ---- directory

  /**
   * Every handling agency of a province: the provincial agency (省医保中心) and the city and county
   * agencies (seed 003 五(三): 对辖区内经办机构全面开展内控检查).
   */
  async provinceAgencies(provincePath: string): Promise<AgencyRef[]> {
    return (await this.q<Omit<AgencyRow, 'kind'>>(
      `select id, name, region_code, region_path from organization
        where kind = 'agency' and region_path like ? order by region_path, id`, [`${provincePath}%`]))
      .map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code, regionPath: r.region_path }));
  }

  async agency(id: string): Promise<AgencyRef | null> {
    const [r] = await this.q<AgencyRow>(`select id, name, kind, region_code, region_path from organization where id = ?`, [id]);
    return r && r.kind === 'agency' ? { id: r.id, name: r.name, regionCode: r.region_code, regionPath: r.region_path } : null;
  }

  async organizationsAt(regionPath: string, kinds: string[]): Promise<{ id: string; regionPath: string }[]> {
    return (await this.q<{ id: string; region_path: string }>(`select id, region_path from organization where region_path = ? and kind = any(?::text[]) order by id`, [regionPath, `{${kinds.join(',')}}`]))
      .map((r) => ({ id: r.id, regionPath: r.region_path }));
  }

  async inspectors(ids?: string[]): Promise<InspectorRef[]> {
    const rows = await this.q<{ id: string; name: string; organization_id: string; org_name: string }>(
      `select i.id, i.name, i.organization_id, o.name as org_name from inspector i join organization o on o.id = i.organization_id
        where i.active ${ids ? 'and i.id = any(?::text[])' : ''} order by i.id`, ids ? [`{${ids.join(',')}}`] : []);
    return rows.map((r) => ({ id: r.id, name: r.name, organizationId: r.organization_id, organizationName: r.org_name }));
  }
}

function toChecklist(r: ChecklistRow): Checklist {
  return { version: Number(r.version), items: r.items, createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by };
}

function defaultChecklist(): Checklist {
  return { version: 1, items: [...DEFAULT_CHECKLIST_ITEMS], createdAt: DEFAULT_CHECKLIST_CREATED_AT, createdBy: DEFAULT_CHECKLIST_AUTHOR };
}

export function toFinding(r: IcFindingSqlRow): FindingRow {
  return {
    id: r.id, area: r.area, itemCode: r.item_code, source: r.source, description: r.description, rectificationDue: r.due,
    status: r.status, rectification: r.rectification, verification: r.verification, overdue: Boolean(r.overdue), ord: Number(r.ord),
    createdAt: new Date(r.created_at),
  };
}

import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid } from '../../../platform/database/sql.js';
import { MajorCaseReport, OutwardTransfer, type RecipientKind, type MajorCaseReportStatus, type ReportTrigger } from '../domain/outward.js';
import type { TransferMaterial } from '../domain/transfer.js';

export const outwardColumns = (a = '') => ['id', 'notice_no', 'region_path', 'owner_org_id', 'case_id', 'recipient_kind', 'recipient_name',
  `to_char(${a}notice_date, 'YYYY-MM-DD') as notice_date`, 'materials', 'amount_involved::text as amount_involved', `to_char(${a}follow_up_due, 'YYYY-MM-DD') as follow_up_due`,
  `to_char(${a}receipt_at, 'YYYY-MM-DD') as receipt_at`, 'result', `to_char(${a}result_at, 'YYYY-MM-DD') as result_at`, 'overdue', 'created_at', 'created_by',
  'created_by_user_id', 'version'].map((c) => (c.startsWith('to_char') ? c : a + c)).join(', ');

export const reportColumns = (a = '') => ['id', 'report_no', 'region_path', 'owner_org_id', 'case_id', 'outward_transfer_id', 'trigger',
  `to_char(${a}opened_on, 'YYYY-MM-DD') as opened_on`, `to_char(${a}due_date, 'YYYY-MM-DD') as due_date`, 'discovery', 'facts', 'result', 'basis', 'status',
  'reminded', 'overdue', 'submitted_at', 'sent_at', 'sent_by', 'acknowledged_at', 'acknowledged_by', 'version'].map((c) => (c.startsWith('to_char') ? c : a + c)).join(', ');

/** A row of outwardColumns(). */
export interface OutwardRow {
  id: string; notice_no: string | number; region_path: string; owner_org_id: string; case_id: string; recipient_kind: RecipientKind; recipient_name: string;
  notice_date: string; materials: TransferMaterial[] | null; amount_involved: string | null; follow_up_due: string; receipt_at: string | null;
  result: string | null; result_at: string | null; overdue: boolean; created_at: string | Date; created_by: string; created_by_user_id: string; version: string | number;
}

/** A row of reportColumns(). */
export interface ReportRow {
  id: string; report_no: string | number; region_path: string; owner_org_id: string; case_id: string; outward_transfer_id: string | null; trigger: ReportTrigger;
  opened_on: string; due_date: string; discovery: string | null; facts: string | null; result: string | null; basis: string | null; status: MajorCaseReportStatus;
  reminded: boolean; overdue: boolean; submitted_at: string | Date | null; sent_at: string | Date | null; sent_by: string | null;
  acknowledged_at: string | Date | null; acknowledged_by: string | null; version: string | number;
}

const date = (v: string | Date | null) => (v ? new Date(v) : null);

export function toOutward(r: OutwardRow): OutwardTransfer {
  return Object.assign(new OutwardTransfer(), {
    id: r.id, noticeNo: Number(r.notice_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, caseId: r.case_id, recipientKind: r.recipient_kind,
    recipientName: r.recipient_name, noticeDate: r.notice_date, materials: r.materials ?? [], amountInvolved: r.amount_involved, followUpDue: r.follow_up_due,
    receiptAt: r.receipt_at, result: r.result, resultAt: r.result_at, overdue: r.overdue, createdAt: new Date(r.created_at), createdBy: r.created_by,
    createdByUserId: r.created_by_user_id, version: Number(r.version),
  });
}

export function toReport(r: ReportRow): MajorCaseReport {
  return Object.assign(new MajorCaseReport(), {
    id: r.id, reportNo: Number(r.report_no), regionPath: r.region_path, ownerOrgId: r.owner_org_id, caseId: r.case_id, outwardTransferId: r.outward_transfer_id,
    trigger: r.trigger, openedOn: r.opened_on, dueDate: r.due_date, discovery: r.discovery, facts: r.facts, result: r.result, basis: r.basis, status: r.status,
    reminded: r.reminded, overdue: r.overdue, submittedAt: date(r.submitted_at), sentAt: date(r.sent_at), sentBy: r.sent_by,
    acknowledgedAt: date(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, version: Number(r.version),
  });
}

const changed = (what: string) => DomainError.conflict(`${what}_changed`, { zh: '记录已被他人修改，请刷新后重试', en: 'the record was changed meanwhile: reload and retry' });

/** Outward transfers and major-case reports in the current unit of work (row-level security on every statement). */
@Injectable()
export class OutwardRecords extends SqlRepository {
  constructor(uow: UnitOfWork) {
    super(uow);
  }

  async loadOutward(id: string): Promise<OutwardTransfer> {
    const [r] = isUuid(id) ? await this.q<OutwardRow>(`select ${outwardColumns()} from outward_transfer where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '移送记录', en: 'outward transfer' }, id);
    return this.uow.track(toOutward(r));
  }

  async saveOutward(o: OutwardTransfer): Promise<void> {
    this.uow.track(o);
    if (o.isNew) {
      const [row] = await this.q<{ notice_no: string }>(
        `insert into outward_transfer (id, region_path, owner_org_id, case_id, recipient_kind, recipient_name, notice_date, materials, amount_involved, follow_up_due,
           created_at, created_by, created_by_user_id) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) returning notice_no`,
        [o.id, o.regionPath, o.ownerOrgId, o.caseId, o.recipientKind, o.recipientName, o.noticeDate, JSON.stringify(o.materials), o.amountInvolved, o.followUpDue,
          o.createdAt, o.createdBy, o.createdByUserId]);
      o.noticeNo = Number(row!.notice_no);
      o.isNew = false;
      return;
    }
    const rows = await this.q<{ version: number }>(
      `update outward_transfer set receipt_at = ?, result = ?, result_at = ?, overdue = ?, version = version + 1 where id = ? and version = ? returning version`,
      [o.receiptAt, o.result, o.resultAt, o.overdue, o.id, o.version]);
    if (!rows.length) throw changed('outward');
    o.version = Number(rows[0]!.version);
  }

  async loadReport(id: string): Promise<MajorCaseReport> {
    const [r] = isUuid(id) ? await this.q<ReportRow>(`select ${reportColumns()} from major_case_report where id = ? for update`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '重大案件报告', en: 'major-case report' }, id);
    return this.uow.track(toReport(r));
  }

  /** The case's report for this trigger, if one is open already (one per case and trigger). */
  async reportOf(caseId: string, trigger: string): Promise<string | undefined> {
    const [r] = await this.q<{ id: string }>(`select id from major_case_report where case_id = ? and trigger = ?`, [caseId, trigger]);
    return r?.id;
  }

  async saveReport(m: MajorCaseReport): Promise<void> {
    this.uow.track(m);
    if (m.isNew) {
      const [row] = await this.q<{ report_no: string }>(
        `insert into major_case_report (id, region_path, owner_org_id, case_id, outward_transfer_id, trigger, opened_on, due_date, status)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'open') returning report_no`,
        [m.id, m.regionPath, m.ownerOrgId, m.caseId, m.outwardTransferId, m.trigger, m.openedOn, m.dueDate]);
      m.reportNo = Number(row!.report_no);
      m.isNew = false;
      return;
    }
    const rows = await this.q<{ version: number }>(
      `update major_case_report set discovery = ?, facts = ?, result = ?, basis = ?, status = ?, reminded = ?, overdue = ?, submitted_at = ?, sent_at = ?, sent_by = ?,
         acknowledged_at = ?, acknowledged_by = ?, version = version + 1 where id = ? and version = ? returning version`,
      [m.discovery, m.facts, m.result, m.basis, m.status, m.reminded, m.overdue, m.submittedAt, m.sentAt, m.sentBy, m.acknowledgedAt, m.acknowledgedBy, m.id, m.version]);
    if (!rows.length) throw changed('report');
    m.version = Number(rows[0]!.version);
  }

  /** A unit by id (for notifications). */
  async unit(id: string): Promise<{ id: string; regionPath: string } | undefined> {
    const [o] = await this.q<{ id: string; regionPath: string }>(`select id, region_path as "regionPath" from organization where id = ?`, [id]);
    return o;
  }

  /** The provincial bureau above a region path. */
  async provinceBureau(regionPath: string): Promise<{ id: string; regionPath: string } | undefined> {
    const province = `/${regionPath.split('/').filter(Boolean)[0]}/`;
    const [o] = await this.q<{ id: string; regionPath: string }>(`select id, region_path as "regionPath" from organization where kind = 'bureau' and region_path = ? order by id limit 1`, [province]);
    return o;
  }
}

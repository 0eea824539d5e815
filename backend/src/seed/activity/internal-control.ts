import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.js';
import { Prng } from '../prng.js';
import { Actor, DEMO_MARK, EventRow, Exec, QUIET_COUNTIES, Row, actorAt, at, insertJson, iso, uuidOf } from './common.js';

// -------------------------------------------------------------------------------------------------
// Internal-control audits (内控检查) of the handling agencies

export async function generateIc(q: Exec, events: EventRow[], c: { Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; seed: number }): Promise<void> {
  const { Y, H, P } = c;
  const createdDay = `${Y}-02-10`;
  const publishedDay = `${Y}-02-20`;
  if (H < publishedDay) return;
  const [taken] = await q(`select 1 from ic_audit_plan where owner_org_id = ? and year = ?`, [c.provinceBureau, Y]);
  if (taken) return;
  const planId = uuidOf(`ic-plan|${Y}`);
  const title = `${Y}年度经办机构内部控制检查计划${DEMO_MARK}`;
  await q(`insert into ic_audit_plan (id, region_path, owner_org_id, year, title, period_start, period_end, status, created_at, created_by, published_at)
           values (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)`,
  [planId, P, c.provinceBureau, Y, title, `${Y}-03-01`, `${Y}-11-30`, at(createdDay, 9), c.provinceActor.displayName, at(publishedDay, 10)]);
  const agencies = await q<{ id: string; name: string; region_path: string; region_code: string }>(
    `select o.id, o.name, o.region_path, o.region_code from organization o join region r on r.code = o.region_code
      where o.kind = 'agency' and o.region_path like ? and r.level in ('city', 'county') and o.region_code <> all(?::text[]) order by o.id`,
    [`${P}%`, `{${QUIET_COUNTIES.join(',')}}`]);
  const inspectors = await q<{ id: string; name: string; org: string; organization_id: string }>(
    `select i.id, i.name, o.name as org, i.organization_id from inspector i join organization o on o.id = i.organization_id where i.region_path like ? order by i.id limit 200`, [`${P}%`]);
  const rng = new Prng(c.seed);
  const audits: Row[] = [];
  const findings: Row[] = [];
  const history: Row[] = [];
  const auditInputs: Row[] = [];
  const areas = ['management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records'];
  const areaText: Record<string, string> = {
    management_rules: '内控管理制度未及时修订', systems: '信息系统权限未定期复核', segregation_of_duties: '经办与复核岗位由同一人兼任',
    violations_handled: '违规问题处理台账不完整', payment_records: '基金支付凭证归档不规范',
  };
  const ev = (a: { id: string; region_path: string }, id: string, type: string, when: Date, payload: Row) =>
    events.push({ region_path: a.region_path, owner_org_id: a.id, aggregate_type: 'IcAudit', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
  for (const a of agencies) {
    const id = uuidOf(`ic|${Y}|${a.id}`);
    const notice = addCalendarDays(`${Y}-03-02`, rng.int(250));
    const saDue = addCalendarDays(notice, 10);
    const fwStart = addCalendarDays(saDue, 5 + rng.int(10));
    const fwEnd = addCalendarDays(fwStart, 2 + rng.int(3));
    const team = inspectors.filter((i) => i.organization_id !== a.id).slice(rng.int(Math.max(1, inspectors.length - 3)), undefined).slice(0, 3)
      .map((i) => ({ inspectorId: i.id, name: i.name, organizationName: i.org, organizationId: i.organization_id }));
    const sys = actorAt('bureau', c.provinceBureau, P, 'province_official', '系统（内控检查时钟）');
    const staff = actorAt('agency', a.id, a.region_path, 'county_staff', '经办机构内控专员');
    let status = 'scheduled';
    let saOverdue = false;
    let saSubmittedAt: Date | null = null;
    let closedAt: Date | null = null;
    const h = (action: string, when: Date, by: Actor, comment: string | null = null) =>
      history.push({ id: uuidOf(`ic-h|${Y}|${a.id}|${action}|${iso(when)}`), audit_id: id, region_path: a.region_path, owner_org_id: a.id, at: iso(when), action, by_user_id: by.userId, by_name: by.displayName, comment });
    h('scheduled', at(publishedDay, 10), c.provinceActor);
    auditInputs.push({ auditId: id, agencyId: a.id, noticeDate: notice, selfAssessmentDue: saDue, fieldworkStart: fwStart, fieldworkEnd: fwEnd });
    if (notice <= H) {
      status = 'self_assessment';
      h('notice_sent', at(notice, 9), sys);
      ev(a, id, 'IcAuditNoticeSent', at(notice, 9), {});
      const submits = rng.next() < 0.88;
      const sday = addCalendarDays(notice, 2 + rng.int(8));
      if (submits && sday <= H) {
        saSubmittedAt = at(sday, 15);
        h('self_assessment_submitted', saSubmittedAt, staff);
        ev(a, id, 'IcAuditTransitioned', saSubmittedAt, { transition: { action: 'self_assessment_submitted', at: iso(saSubmittedAt) }, status });
      } else if (addCalendarDays(saDue, 1) <= H) {
        saOverdue = true;
        const when = at(addCalendarDays(saDue, 1), 0);
        h('self_assessment_overdue', when, sys);
        ev(a, id, 'IcSelfAssessmentOverdue', when, {});
      }
    }
    if (fwStart <= H) {
      status = 'fieldwork';
      const when = at(fwStart, 9);
      h('fieldwork_started', when, sys, saSubmittedAt ? null : '自查未提交');
      ev(a, id, 'IcFieldworkStarted', when, {});
    }
    const issueDay = addCalendarDays(fwEnd, 3);
    if (issueDay <= H) {
      const n = 1 + rng.int(3);
      const issued = at(issueDay, 10);
      const list: { findingId: string; rectificationDueAt: string }[] = [];
      let allVerified = true;
      let lastVerified: Date | null = null;
      for (let k = 0; k < n; k++) {
        const fid = uuidOf(`ic-f|${Y}|${a.id}|${k}`);
        const area = areas[rng.int(areas.length)]!;
        const due = addWorkingDays(issueDay, 20);
        list.push({ findingId: fid, rectificationDueAt: iso(at(addCalendarDays(due, 1), 0)) });
        const x = rng.next();
        const subDay = addCalendarDays(issueDay, 5 + rng.int(20));
        const verDay = addCalendarDays(subDay, 3 + rng.int(7));
        let fstatus = 'open';
        let rect: Row | null = null;
        let ver: Row | null = null;
        let overdue = false;
        if (x < 0.8 && subDay <= H) {
          fstatus = 'rectification_submitted';
          rect = { plan: '已修订制度并组织培训', evidenceAttachmentIds: [], submittedAt: iso(at(subDay, 15)) }; // FindingRow['rectification']
          ev(a, id, 'IcAuditTransitioned', at(subDay, 15), { transition: { action: 'rectification_submitted', at: iso(at(subDay, 15)), findingId: fid }, status: 'verification' });
          if (verDay <= H) {
            fstatus = 'verified';
            ver = { accepted: true, comment: '整改到位', at: iso(at(verDay, 11)) };
            ev(a, id, 'IcAuditTransitioned', at(verDay, 11), { transition: { action: 'finding_verified', at: iso(at(verDay, 11)), findingId: fid, accepted: true }, status: 'verification' });
            if (!lastVerified || at(verDay, 11) > lastVerified) lastVerified = at(verDay, 11);
          }
        }
        if (fstatus !== 'verified') allVerified = false;
        if ((fstatus === 'open') && addCalendarDays(due, 1) <= H) {
          overdue = true;
          const when = at(addCalendarDays(due, 1), 0);
          h('rectification_overdue', when, sys, areaText[area]!);
          ev(a, id, 'IcRectificationOverdue', when, { findingId: fid });
        }
        findings.push({
          id: fid, audit_id: id, region_path: a.region_path, owner_org_id: a.id, area, item_code: null, source: 'fieldwork',
          description: `${areaText[area]}${DEMO_MARK}`, rectification_due: due, status: fstatus, rectification: rect, verification: ver, overdue, ord: k, created_at: iso(issued),
        });
      }
      h('findings_issued', issued, c.provinceActor);
      ev(a, id, 'IcAuditTransitioned', issued, { transition: { action: 'findings_issued', at: iso(issued), findings: list }, status: 'rectification' });
      status = allVerified ? 'closed' : findings.slice(-n).some((f) => f.status === 'rectification_submitted') && findings.slice(-n).every((f) => f.status !== 'open') ? 'verification' : 'rectification';
      if (allVerified) closedAt = lastVerified;
    }
    audits.push({
      id, region_path: a.region_path, owner_org_id: a.id, plan_id: planId, province_path: P, follow_up_of: null, status, notice_date: notice,
      self_assessment_due: saDue, fieldwork_start: fwStart, fieldwork_end: fwEnd, team, checklist_version: 1, self_assessment_overdue: saOverdue,
      self_assessment_submitted_at: saSubmittedAt && iso(saSubmittedAt), created_at: iso(at(publishedDay, 10)), closed_at: closedAt && iso(closedAt),
    });
  }
  await insertJson(q, 'ic_audit', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', plan_id: 'uuid', province_path: 'text', follow_up_of: 'uuid', status: 'text', notice_date: 'date',
    self_assessment_due: 'date', fieldwork_start: 'date', fieldwork_end: 'date', team: 'jsonb', checklist_version: 'int', self_assessment_overdue: 'boolean',
    self_assessment_submitted_at: 'timestamptz', created_at: 'timestamptz', closed_at: 'timestamptz',
  }, audits);
  await insertJson(q, 'ic_finding', {
    id: 'uuid', audit_id: 'uuid', region_path: 'text', owner_org_id: 'text', area: 'text', item_code: 'text', source: 'text', description: 'text',
    rectification_due: 'date', status: 'text', rectification: 'jsonb', verification: 'jsonb', overdue: 'boolean', ord: 'int', created_at: 'timestamptz',
  }, findings);
  await insertJson(q, 'ic_audit_history', {
    id: 'uuid', audit_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, history);
  const planEv = (type: string, when: Date, payload: Row) =>
    events.push({ region_path: P, owner_org_id: c.provinceBureau, aggregate_type: 'IcPlan', aggregate_id: planId, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
  planEv('IcPlanCreated', at(createdDay, 9), { year: Y, title });
  planEv('IcPlanPublished', at(publishedDay, 10), { actor: c.provinceActor, audits: auditInputs });
}

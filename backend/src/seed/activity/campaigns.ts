import { addCalendarDays } from '../../platform/calendar/working-days.js';
import { FOCUS_OPTIONS } from '../../contexts/campaigns/domain/campaign.js';
import { Actor, DEMO_MARK, EventRow, Exec, Row, at, dayDiff, insertJson, iso, uuidOf } from './common.js';

// -------------------------------------------------------------------------------------------------
// The province's special campaign (专项治理) with every institution's self-inspection task

export interface CampaignInfo { id: string; assignedDay: string | null; title: string }

export async function generateCampaign(q: Exec, events: EventRow[], c: {
  Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; cities: string[]; marker: string;
}): Promise<CampaignInfo> {
  const { Y, H, P } = c;
  const id = c.marker;
  const title = `${Y}年度医保基金使用专项治理${DEMO_MARK}`;
  const cal = { planFiledBy: `${Y}-03-31`, siStart: `${Y}-04-01`, siEnd: `${Y}-08-31`, scStart: `${Y}-09-01`, scEnd: `${Y}-10-31`, summaryDue: `${Y}-11-30` };
  const createdDay = `${Y}-01-10`;
  const assignedDay = H >= `${Y}-03-20` ? `${Y}-03-20` : null;
  const phases: [string, string][] = [['planning', `${Y}-03-20`], ['self_inspection', cal.siStart], ['spot_check', cal.scStart], ['summary', addCalendarDays(cal.scEnd, 1)]];
  const reached = assignedDay ? phases.filter(([, d]) => d <= H) : [];
  const summaryFiledDay = `${Y}-11-25`;
  const summaryFiled = reached.some(([p]) => p === 'summary') && H >= summaryFiledDay;
  const phase = summaryFiled ? 'closed' : reached.length ? reached[reached.length - 1]![0] : 'draft';
  const status = summaryFiled ? 'closed' : assignedDay ? 'assigned' : 'draft';
  const focus = FOCUS_OPTIONS.map((o) => ({ code: o.code, text: o.zh }));
  await q(`insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by,
             self_inspection_start, self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, assigned_at,
             plan_filed_late, summary_filed_at, summary_comment, summary_overdue, created_at, created_by)
           values (?, ?, ?, ?, ?, ?::jsonb, ?::text[], '{hospital,pharmacy,clinic}', ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, false, ?, ?)`,
  [id, P, c.provinceBureau, Y, title, JSON.stringify(focus), `{${c.cities.join(',')}}`, cal.planFiledBy, cal.siStart, cal.siEnd, cal.scStart, cal.scEnd,
    cal.summaryDue, status, phase, assignedDay && at(assignedDay, 10), summaryFiled ? at(summaryFiledDay, 16) : null,
    summaryFiled ? `全省自查自纠与抽查复查工作已完成${DEMO_MARK}` : null, at(createdDay, 9), c.provinceActor.displayName]);
  const ev = (type: string, when: Date, payload: Row) => events.push({
    region_path: P, owner_org_id: c.provinceBureau, aggregate_type: 'Campaign', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when),
  });
  const hist: [string, Date, string | null][] = [['created', at(createdDay, 9), null]];
  ev('CampaignCreated', at(createdDay, 9), { year: Y, title });
  if (assignedDay) {
    const when = at(assignedDay, 10);
    hist.push(['assigned', when, null]);
    ev('CampaignAssigned', when, {
      input: {
        campaignId: id, actor: c.provinceActor, cityCodes: c.cities,
        instants: {
          planFiledBy: iso(at(addCalendarDays(cal.planFiledBy, 1), 0)), selfInspectionStart: iso(at(cal.siStart, 0)), selfInspectionEnd: iso(at(addCalendarDays(cal.siEnd, 1), 0)),
          spotCheckStart: iso(at(cal.scStart, 0)), spotCheckEnd: iso(at(addCalendarDays(cal.scEnd, 1), 0)), summaryDue: iso(at(addCalendarDays(cal.summaryDue, 1), 0)),
        },
      },
    });
    for (const [p, d] of reached) {
      const t = p === 'planning' ? at(d, 10) : at(d, 0);
      const when = p === 'planning' ? new Date(t.getTime() + 1000) : t;
      hist.push([`phase_${p}`, when, null]);
      ev('CampaignPhaseOpened', when, { phase: p });
    }
    if (summaryFiled) {
      const when = at(summaryFiledDay, 16);
      hist.push(['summary_filed', when, null]);
      ev('CampaignSummaryFiled', when, { transition: { action: 'summary_filed', at: iso(when) } });
    }
  }
  await insertJson(q, 'campaign_history', {
    id: 'uuid', campaign_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, hist.map(([action, when, comment]) => ({
    id: uuidOf(`campaign-h|${Y}|${action}`), campaign_id: id, region_path: P, owner_org_id: c.provinceBureau, at: iso(when), action,
    by_user_id: c.provinceActor.userId, by_name: c.provinceActor.displayName, comment,
  })));
  if (!assignedDay) return { id, assignedDay, title };

  // Filed with the national bureau (migration 0033): the plan when assigned, acknowledged two days
  // later; the summary when filed, waiting in the national overseer's inbox.
  const planAck = addCalendarDays(assignedDay, 2);
  await q(`insert into campaign_filing (id, campaign_id, region_path, owner_org_id, kind, due_date, status, sent_at, sent_by, acknowledged_at, acknowledged_by)
           values (?, ?, ?, ?, 'plan', ?, ?, ?, ?, ?, ?)`,
  [uuidOf(`campaign-filing|${P}|${Y}|plan`), id, P, c.provinceBureau, cal.planFiledBy, H >= planAck ? 'acknowledged' : 'sent', at(assignedDay, 10),
    c.provinceActor.displayName, H >= planAck ? at(planAck, 15) : null, H >= planAck ? '王建国' : null]);
  if (summaryFiled) {
    await q(`insert into campaign_filing (id, campaign_id, region_path, owner_org_id, kind, due_date, status, note, sent_at, sent_by)
             values (?, ?, ?, ?, 'summary', ?, 'sent', ?, ?, ?)`,
    [uuidOf(`campaign-filing|${P}|${Y}|summary`), id, P, c.provinceBureau, cal.summaryDue, `全省自查自纠与抽查复查工作已完成${DEMO_MARK}`, at(summaryFiledDay, 16), c.provinceActor.displayName]);
  }

  // The covered city and county bureaus, and one task per institution (as the workflow's fan-out does).
  await q(`insert into campaign_unit (campaign_id, region_path, owner_org_id, region_code, level)
           select ?, o.region_path, o.id, o.region_code, r.level from organization o join region r on r.code = o.region_code
            where o.kind = 'bureau' and o.region_path like ? and r.level in ('city', 'county') on conflict do nothing`, [id, `${P}%`]);
  // r < 0.80 on time, < 0.88 late (after being flagged missing), else missing; drafts and pending while the window runs
  const siStart = cal.siStart;
  const siEnd = cal.siEnd;
  const span = dayDiff(siStart, siEnd);
  await q(`create temp table act_si on commit drop as
    with t as (
      select i.*, pg_temp.uid('si|' || i.id) as si_id, pg_temp.r('si|' || i.id) as x, pg_temp.r('si2|' || i.id) as y
        from act_inst i
    ), s as (
      select t.*,
             case
               when '${H}'::date < '${siStart}'::date then case when x < 0.1 then 'draft' else 'pending' end
               when '${H}'::date <= '${siEnd}'::date then
                 case when x < 0.85 * ('${H}'::date - '${siStart}'::date) / ${span}.0 then 'submitted' when x < 0.9 then 'draft' else 'pending' end
               when quiet or x < 0.80 then 'submitted'
               when x < 0.88 and '${H}'::date >= '${siEnd}'::date + 1 + floor(y * 60)::int then 'submitted'
               else 'missing'
             end as st,
             case
               when '${H}'::date <= '${siEnd}'::date then '${siStart}'::date + floor(x / 0.85 * greatest(0, '${H}'::date - '${siStart}'::date))::int
               when quiet or x < 0.80 then '${siStart}'::date + floor(y * ${span})::int
               else '${siEnd}'::date + 1 + floor(y * 60)::int
             end as sday
        from t
    )
    select *, st = 'submitted' and sday > '${siEnd}'::date as late,
           case when st = 'submitted' then pg_temp.ts(sday, 9 + floor(y * 9)) end as submitted_at,
           case when st = 'submitted' and pg_temp.r('rf|' || id) < 0.6 then round((pg_temp.r('rf2|' || id) * 80000)::numeric, 2) else 0 end as refunded,
           ('${H}'::date > '${siEnd}'::date and (st = 'missing' or sday > '${siEnd}'::date)) as flagged
      from s`);
  await q(`insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, report, refunded_amount, issues,
             submitted_at, late, escalated_at, created_at, updated_at)
           select si_id, ?, region_path, id, city, kind, st,
                  case when st in ('submitted', 'draft') then '本机构按专项治理方案开展自查自纠，已对照问题清单逐项整改${DEMO_MARK}' else '' end,
                  refunded,
                  case when st = 'submitted' and refunded > 0 then jsonb_build_array(jsonb_build_object('focus', '串换药品', 'description', '自查发现串换药品结算，已主动退回', 'amount', refunded)) else '[]'::jsonb end,
                  submitted_at, late, case when flagged then pg_temp.ts('${siEnd}'::date + 1, 0) end, ?, coalesce(submitted_at, ?)
             from act_si on conflict do nothing`, [id, at(assignedDay, 10), at(assignedDay, 10)]);
  await q(`insert into act_evt
           select region_path, id, 'SelfInspection', si_id::text, 'SelfInspectionSubmitted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'demo', '${Y}',
                                     'submission', jsonb_build_object('taskId', si_id, 'at', submitted_at, 'late', late)), submitted_at
             from act_si where st = 'submitted'`, [id]);
  // a task's first save makes it a draft (before its submission, for the submitted ones)
  await q(`insert into act_evt
           select region_path, id, 'SelfInspection', si_id::text, 'SelfInspectionDrafted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'demo', '${Y}'),
                  case when st = 'submitted' then submitted_at - interval '2 hours'
                       else pg_temp.ts('${assignedDay}'::date + floor(y * ('${H}'::date - '${assignedDay}'::date))::int, 11) end
             from act_si where st in ('draft', 'submitted')`, [id]);
  // the bulk changes of the tasks, one campaign event per city (the task fan-out, the close of the self-inspection)
  await q(`insert into act_evt
           select ?, ?, 'Campaign', ?, 'SelfInspectionTasksCreated', jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'created', count(*), 'demo', '${Y}'),
                  ?::timestamptz + interval '1 minute'
             from act_si group by city`, [P, c.provinceBureau, id, id, at(assignedDay, 10)]);
  await q(`insert into act_evt
           select ?, ?, 'Campaign', ?, 'SelfInspectionsMarkedMissing', jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'missing', count(*), 'demo', '${Y}'),
                  pg_temp.ts('${siEnd}'::date + 1, 0)
             from act_si where flagged group by city`, [P, c.provinceBureau, id, id]);
  await generateSelfInspectionReviews(q, { Y, H, P, id, siEnd: cal.siEnd, assignedDay });
  return { id, assignedDay, title };
}

/**
 * The pooling regions' part of the campaign (migration 0015): each task is handled by the agency holding
 * the institution's agreement, which verifies the submitted reports 3–10 days later (most of them,
 * with the refund; the latest still awaiting), and each city and county agency files its own report of
 * the region's self-inspection by the close (a few late or missing), with their real events.
 */
export async function generateSelfInspectionReviews(q: Exec, c: { Y: number; H: string; P: string; id: string; siEnd: string; assignedDay: string }): Promise<void> {
  const { Y, H, id } = c;
  await q(`update self_inspection s set handling_agency_id = coalesce(
             (select sa.agency_id from service_agreement sa where sa.institution_id = s.owner_org_id),
             (select a.id from organization o join organization a on a.kind = 'agency' and a.region_code = o.region_code where o.id = s.owner_org_id order by a.id limit 1))
           where s.campaign_id = ?`, [id]);
  await q(`create temp table act_sir on commit drop as
    select s.id, s.region_path, s.owner_org_id, s.handling_agency_id, s.refunded_amount, s.city_code,
           (s.submitted_at::date + 3 + floor(pg_temp.r('rv|' || s.id) * 8)::int) as rday, pg_temp.r('rv2|' || s.id) as x
      from self_inspection s where s.campaign_id = ? and s.status = 'submitted'`, [id]);
  await q(`update self_inspection s set review_status = case when r.rday <= '${H}'::date and r.x < 0.9 then 'verified' else 'awaiting' end,
             reviewed_at = case when r.rday <= '${H}'::date and r.x < 0.9 then pg_temp.ts(r.rday, 15) end,
             reviewed_by = case when r.rday <= '${H}'::date and r.x < 0.9 then '稽核员${DEMO_MARK}' end,
             refund_confirmed = case when r.rday <= '${H}'::date and r.x < 0.9 then r.refunded_amount > 0 end,
             refund_verified_amount = case when r.rday <= '${H}'::date and r.x < 0.9 and r.refunded_amount > 0 then r.refunded_amount end,
             refund_verified_at = case when r.rday <= '${H}'::date and r.x < 0.9 and r.refunded_amount > 0 then pg_temp.ts(r.rday, 15) end
           from act_sir r where s.id = r.id`);
  await q(`insert into self_inspection_review (id, task_id, campaign_id, region_path, owner_org_id, at, action, by_org_id, by_name, comment, refund_confirmed, refund_amount)
           select pg_temp.uid('sir|' || r.id), r.id, ?, r.region_path, r.owner_org_id, pg_temp.ts(r.rday, 15), 'verified', r.handling_agency_id,
                  '稽核员${DEMO_MARK}', '经核实，自查情况属实', r.refunded_amount > 0, case when r.refunded_amount > 0 then r.refunded_amount end
             from act_sir r where r.rday <= '${H}'::date and r.x < 0.9 on conflict do nothing`, [id]);
  await q(`insert into act_evt
           select r.region_path, r.owner_org_id, 'SelfInspection', r.id::text, 'SelfInspectionReviewed',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', r.city_code, 'action', 'verified', 'demo', '${Y}'), pg_temp.ts(r.rday, 15)
             from act_sir r where r.rday <= '${H}'::date and r.x < 0.9`, [id]);
  // the agencies' own reports of their regions, filed in the last three weeks of the window (90% on time, 6% late, 4% missing)
  await q(`create temp table act_asi on commit drop as
    select pg_temp.uid('asi|' || o.id) as asi_id, o.id as agency_id, o.region_path, o.region_code, r.level,
           case when r.level = 'city' then r.code else r.parent_code end as city_code, pg_temp.r('asi|' || o.id) as x,
           coalesce((select count(*) from self_inspection s where s.campaign_id = ? and s.handling_agency_id = o.id and s.review_status = 'verified'), 0)::int as checked,
           coalesce((select sum(s.refunded_amount) from self_inspection s where s.campaign_id = ? and s.handling_agency_id = o.id and s.review_status = 'verified'), 0) as refunded
      from organization o join region r on r.code = o.region_code and r.level in ('city', 'county')
     where o.kind = 'agency' and o.region_path like ?
       and exists (select 1 from campaign cc where cc.id = ? and (case when r.level = 'city' then r.code else r.parent_code end) = any(cc.city_codes))`,
  [id, id, `${c.P}%`, id]);
  await q(`alter table act_asi add column sday date, add column st text`);
  await q(`update act_asi set sday = case when x < 0.9 then '${c.siEnd}'::date - floor(pg_temp.r('asd|' || agency_id) * 20)::int
                                          when x < 0.96 then '${c.siEnd}'::date + 1 + floor(pg_temp.r('asd|' || agency_id) * 20)::int end`);
  await q(`update act_asi set st = case when sday is not null and sday <= '${H}'::date then 'submitted'
                                         when '${H}'::date > '${c.siEnd}'::date then 'missing'
                                         when '${H}'::date >= '${c.assignedDay}'::date then 'pending' else 'pending' end`);
  await q(`insert into agency_self_inspection (id, campaign_id, region_path, owner_org_id, city_code, region_code, level, status, report,
             institutions_checked, problems_found, problem_amount, refunded_amount, issues, submitted_at, late, escalated_at, created_at, updated_at)
           select a.asi_id, ?, a.region_path, a.agency_id, a.city_code, a.region_code, a.level, a.st,
                  case when a.st = 'submitted' then '本统筹地区按专项治理方案组织定点医药机构自查自纠，经办机构逐一核实自查报告及退回金额${DEMO_MARK}' else '' end,
                  case when a.st = 'submitted' then a.checked else 0 end, 0, 0, case when a.st = 'submitted' then a.refunded else 0 end, '[]'::jsonb,
                  case when a.st = 'submitted' then pg_temp.ts(a.sday, 16) end, a.st = 'submitted' and a.sday > '${c.siEnd}'::date,
                  case when '${H}'::date > '${c.siEnd}'::date and (a.st = 'missing' or a.sday > '${c.siEnd}'::date) then pg_temp.ts('${c.siEnd}'::date + 1, 0) end,
                  pg_temp.ts('${c.assignedDay}'::date, 10), coalesce(pg_temp.ts(a.sday, 16), pg_temp.ts('${c.assignedDay}'::date, 10))
             from act_asi a on conflict do nothing`, [id]);
  await q(`insert into act_evt
           select a.region_path, a.agency_id, 'AgencySelfInspection', a.asi_id::text, 'AgencySelfInspectionSubmitted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', a.city_code, 'demo', '${Y}'), pg_temp.ts(a.sday, 16)
             from act_asi a where a.st = 'submitted'`, [id]);
}

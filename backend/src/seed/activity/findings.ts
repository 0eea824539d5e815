import { Actor, DEMO_MARK, Exec, MAJOR_AMOUNT, at } from './common.js';

// -------------------------------------------------------------------------------------------------
// Findings of the sent inspections, their feedback, and the handling decisions on them

export async function generateFindingsAndDecisions(q: Exec, c: { H: string; provinceActor: Actor }): Promise<void> {
  const H = c.H;
  // Feedback: confirmed 55%, deemed 20%, appealed 12% (reviewed after the window: 40% upheld), the
  // rest confirmed; while the window is open, a part answered already. Decisions group the findings
  // of an inspection by three (source_index / 3).
  await q(`create temp table act_fs on commit drop as
    with f as (
      select f.*, w.w5 as due, pg_temp.r('fs|' || f.id) as x, pg_temp.r('fs2|' || f.id) as y, pg_temp.r('fs3|' || f.id) as z
        from act_find f join act_wd w on w.d = f.sd
       where f.insp_st = 'sent'
    ), s as (
      select f.*,
             f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int as answer_day,
             f.due + 3 + floor(z * 8)::int as review_day,
             case when '${H}'::date <= f.due then
                    case when x < 0.3 and f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int <= '${H}'::date then 'confirmed'
                         when x < 0.4 and f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int <= '${H}'::date then 'appealed'
                         else 'awaiting_confirmation' end
                  when x < 0.55 then 'confirmed'
                  when x < 0.75 then 'deemed_confirmed'
                  when x < 0.87 then 'appealed'
                  else 'confirmed' end as base
        from f
    )
    select s.*,
           case when base = 'appealed' and review_day <= '${H}'::date then
                  case when pg_temp.r('up|' || id) < 0.4 then 'appeal_upheld' else 'confirmed' end
                else base end as st,
           base = 'appealed' and review_day <= '${H}'::date as reviewed,
           case when base = 'confirmed' then pg_temp.ts(answer_day, 9 + y * 8)
                when base = 'deemed_confirmed' then pg_temp.ts(due + 1, 0)
                when base = 'appealed' and review_day <= '${H}'::date and pg_temp.r('up|' || id) >= 0.4 then pg_temp.ts(review_day, 15) end as confirmed_at,
           (idx / 3) as grp
      from s`);
  await q(`create index on act_fs (insp_id, grp)`);
  await q(`analyze act_fs`);
  // A decision per group with decidable findings, dated 12–41 days after the feedback deadline.
  await q(`create temp table act_dec on commit drop as
    with g as (
      select insp_id, grp, min(inst) as inst, min(region_path) as region_path, min(county) as county, bool_or(quiet) as quiet,
             max(due) as due, min(clinician) as clinician,
             array_agg(id order by idx) filter (where st in ('confirmed', 'deemed_confirmed')) as ids,
             sum(amount) filter (where st in ('confirmed', 'deemed_confirmed')) as amount,
             max(confirmed_at) filter (where st in ('confirmed', 'deemed_confirmed')) as last_confirmed
        from act_fs group by insp_id, grp
    ), d as (
      select g.*, pg_temp.uid('d|' || insp_id || '|' || grp) as dec_id,
             g.due + 12 + floor(pg_temp.r('dd|' || insp_id || grp) * 30)::int as dday,
             pg_temp.r('dm|' || insp_id || grp) as x, pg_temp.r('dm2|' || insp_id || grp) as y, pg_temp.r('dm3|' || insp_id || grp) as z
        from g where ids is not null
    )
    select d.*,
           case when quiet then case when x < 0.4 then 'talk' else 'refuse' end
                when x < 0.35 then 'talk' when x < 0.85 then 'refuse' when x < 0.95 then 'suspend'
                when x < 0.99 then case when clinician is null then 'talk' else 'clinician' end
                else 'terminate' end as band
      from d
     where (quiet or pg_temp.r('dx|' || insp_id || grp) < 0.85) and dday <= '${H}'::date
       and last_confirmed < pg_temp.ts(dday, 10)`);
  await q(`alter table act_dec add column measures jsonb, add column refused numeric, add column major boolean, add column rect_due date,
             add column lr_day date, add column approved boolean, add column eff_day date, add column status text, add column settlement text,
             add column sub_day date, add column conf_day date, add column overdue boolean`);
  await q(`update act_dec set
      measures = case band
        when 'talk' then '[{"kind":"talk"}]'::jsonb
        when 'refuse' then case when y < 0.3 then jsonb_build_array(jsonb_build_object('kind', 'talk')) else '[]'::jsonb end
                           || jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount))
        when 'suspend' then jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount),
                                              jsonb_build_object('kind', 'suspend_settlement', 'rectificationDue', dday + 30))
        when 'terminate' then jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount), jsonb_build_object('kind', 'terminate_agreement'))
        else case when y < 0.25 then jsonb_build_array(jsonb_build_object('kind', 'clinician_admonition', 'clinicianName', clinician))
                  when y < 0.5 then jsonb_build_array(jsonb_build_object('kind', 'clinician_talk', 'clinicianName', clinician))
                  when y < 0.75 then jsonb_build_array(jsonb_build_object('kind', 'clinician_suspend_realtime', 'clinicianName', clinician, 'rectificationDue', dday + 30))
                  else jsonb_build_array(jsonb_build_object('kind', 'clinician_refuse_payment', 'clinicianName', clinician, 'amount', amount)) end
      end`);
  await q(`update act_dec set
      refused = coalesce((select sum((m->>'amount')::numeric) from jsonb_array_elements(measures) m where m->>'kind' in ('refuse_payment', 'clinician_refuse_payment')), 0),
      rect_due = (select min((m->>'rectificationDue')::date) from jsonb_array_elements(measures) m where m->>'kind' in ('suspend_settlement', 'clinician_suspend_realtime'))`);
  await q(`update act_dec set major = exists (select 1 from jsonb_array_elements(measures) m where m->>'kind' in ('terminate_agreement', 'suspend_settlement', 'clinician_suspend_realtime'))
                                  or refused > ${MAJOR_AMOUNT}`);
  // settled-only institutions: a major decision is reviewed and approved at once (its rows stay out of every queue)
  await q(`update act_dec set lr_day = case when major then dday + case when quiet then 0 else 2 + floor(z * 6)::int end end,
                              approved = case when major then quiet or z < 0.92 end`);
  await q(`update act_dec set eff_day = case when not major then dday when lr_day <= '${H}'::date and approved then lr_day end`);
  // with a suspension: rectification report 1–10 days before the deadline (75%), accepted 3–7 days later
  await q(`update act_dec set
      sub_day = case when eff_day is not null and rect_due is not null and pg_temp.r('rs|' || dec_id) < 0.75
                     then rect_due - 1 - floor(pg_temp.r('rs2|' || dec_id) * 10)::int end`);
  await q(`update act_dec set sub_day = null where sub_day > '${H}'::date`);
  await q(`update act_dec set conf_day = case when sub_day is not null and sub_day + 3 + floor(pg_temp.r('rc|' || dec_id) * 5)::int <= '${H}'::date
                                             then sub_day + 3 + floor(pg_temp.r('rc|' || dec_id) * 5)::int end`);
  await q(`update act_dec set
      status = case when major and lr_day > '${H}'::date then 'pending_legal_review'
                    when major and not approved then 'closed'
                    when rect_due is null then 'effective'
                    when conf_day is not null then 'closed'
                    when sub_day is not null then 'rectification_submitted'
                    else 'rectifying' end,
      settlement = case when eff_day is null or rect_due is null then 'normal' when conf_day is not null then 'restored' else 'suspended' end,
      overdue = eff_day is not null and rect_due is not null and conf_day is null and rect_due < '${H}'::date and (sub_day is null or sub_day > rect_due)`);
  await q(`create index on act_dec (dec_id)`);
  await q(`insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id,
             legal_review, effective_at, reported_to_bureau_at, settlement, rectification, termination_on_hold, created_at)
           select dec_id, region_path, inst, coalesce((select a.agency_id from service_agreement a where a.institution_id = inst), 'agency-' || county), ids, measures,
                  '依据《定点医药机构服务协议》相关条款及《医疗保障基金使用监督管理条例》作出处理${DEMO_MARK}', major, status,
                  '经办员${DEMO_MARK}', 'demo-activity-county_staff',
                  case when major and lr_day <= '${H}'::date then jsonb_build_object('by', '复核员${DEMO_MARK}', 'byUserId', 'demo-activity-legal',
                       'approved', approved, 'comment', case when approved then '' else '事实认定证据不足，请补充调查' end, 'at', pg_temp.ts(lr_day, 16)) end,
                  pg_temp.ts(eff_day, case when major then 16 else 10 end),
                  -- every handling result is reported to the same-level bureau (seed 002 一(六))
                  case when eff_day is not null then pg_temp.ts(eff_day, case when major then 16 else 10 end) end,
                  settlement,
                  case when eff_day is not null and rect_due is not null then jsonb_build_object('due', rect_due,
                       'report', case when sub_day is not null then '已按要求完成整改，相关人员已培训' end, 'attachmentIds', '[]'::jsonb,
                       'submittedAt', pg_temp.ts(sub_day, 14), 'confirmedAt', pg_temp.ts(conf_day, 11), 'overdue', overdue) end,
                  false, pg_temp.ts(dday, 10)
             from act_dec`);
  // The agreements follow the decisions in force, as the agreements context keeps them (agreementStatusOf).
  await q(`update service_agreement a set version = a.version + 1, updated_at = now(), status = case
             when exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.effective_at is not null
                            and not d.termination_on_hold and d.measures @> '[{"kind": "terminate_agreement"}]'::jsonb) then 'terminated'
             when exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.settlement = 'suspended'
                            and d.measures @> '[{"kind": "suspend_settlement"}]'::jsonb) then 'suspended'
             else 'active' end
           where a.institution_id in (select inst from act_dec)`);
  await q(`create temp table act_fdec on commit drop as select unnest(ids) as id, dec_id from act_dec`);
  await q(`create index on act_fdec (id)`);
  await q(`insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount,
             clinician_name, status, confirmation_due, confirmed_at, deemed, appeal, decision_id, created_at)
           select f.id, f.region_path, f.inst, 'spot_check', f.insp_id, f.idx,
                  coalesce((select a.agency_id from service_agreement a where a.institution_id = f.inst), 'agency-' || f.county), f.type, f.description, f.amount, f.clinician,
                  case when d.dec_id is not null then 'decided' else f.st end, f.due, f.confirmed_at, f.base = 'deemed_confirmed',
                  case when f.base = 'appealed' then jsonb_build_object('reasons', '对问题认定有异议，已提交病历等证明材料', 'attachmentIds', '[]'::jsonb,
                       'at', pg_temp.ts(f.answer_day, 11),
                       'review', case when f.reviewed then jsonb_build_object('outcome', case when f.st = 'appeal_upheld' then 'upheld' else 'rejected' end,
                                   'comment', case when f.st = 'appeal_upheld' then '证据充分，申诉成立' else '证据不足，维持认定' end,
                                   'at', pg_temp.ts(f.review_day, 15), 'by', '经办员${DEMO_MARK}', 'byUserId', 'demo-activity-county_staff') end) end,
                  d.dec_id, pg_temp.ts(f.sd, 10)
             from act_fs f left join act_fdec d on d.id = f.id`);
  await q(`insert into finding_history (id, finding_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('fh|' || f.id || '|' || h.action), f.id, f.region_path, f.inst, h.at, h.action, h.by_user, h.by_name, h.comment
             from act_fs f cross join lateral (
               select 'raised' as action, pg_temp.ts(f.sd, 10) as at, 'demo-activity-province_official' as by_user, ? as by_name, null as comment
               union all select 'confirmed', f.confirmed_at, 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', null where f.base = 'confirmed'
               union all select 'deemed_confirmed', f.confirmed_at, 'demo-activity-system', '系统（反馈时钟）', null where f.base = 'deemed_confirmed'
               union all select 'appealed', pg_temp.ts(f.answer_day, 11), 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', '对问题认定有异议' where f.base = 'appealed'
               union all select case when f.st = 'appeal_upheld' then 'appeal_upheld' else 'appeal_rejected' end, pg_temp.ts(f.review_day, 15),
                                'demo-activity-county_staff', '经办员${DEMO_MARK}', null where f.reviewed
             ) h`, [c.provinceActor.displayName]);
  await q(`insert into decision_history (id, decision_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('dh|' || d.dec_id || '|' || h.action), d.dec_id, d.region_path, d.inst, h.at, h.action, h.by_user, h.by_name, h.comment
             from act_dec d cross join lateral (
               select 'decided' as action, pg_temp.ts(d.dday, 10) as at, 'demo-activity-county_staff' as by_user, '经办员${DEMO_MARK}' as by_name, null as comment
               union all select case when d.approved then 'legal_review_approved' else 'legal_review_refused' end, pg_temp.ts(d.lr_day, 16),
                                'demo-activity-legal', '复核员${DEMO_MARK}', null where d.major and d.lr_day <= '${H}'::date
               union all select 'effective', pg_temp.ts(d.eff_day, case when d.major then 16 else 10 end), 'demo-activity-county_staff', '经办员${DEMO_MARK}', null
                where d.eff_day is not null
               union all select 'rectification_submitted', pg_temp.ts(d.sub_day, 14), 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', null where d.sub_day is not null
               union all select 'rectification_overdue', pg_temp.ts(d.rect_due + 1, 0), 'demo-activity-system', '系统（整改时钟）', '整改期限 ' || d.rect_due where d.overdue
               union all select 'rectification_accepted', pg_temp.ts(d.conf_day, 11), 'demo-activity-county_staff', '经办员${DEMO_MARK}', null where d.conf_day is not null
             ) h`);

  // events: the inspection's findings raised (the feedback workflow's start), the answers, the deeming batch, the decisions
  await q(`insert into act_evt
           select min(f.region_path), min(f.inst), 'Inspection', f.insp_id::text, 'FindingsRaised',
                  jsonb_build_object('input', jsonb_build_object('inspectionId', f.insp_id, 'actor', ?::jsonb, 'findingIds', jsonb_agg(f.id order by f.idx),
                                     'confirmationDueAt', pg_temp.ts(min(f.due) + 1, 0)),
                                     'confirmationDue', min(f.due), 'demo', to_char(min(f.sd), 'YYYY')),
                  pg_temp.ts(min(f.sd), 10)
             from act_fs f group by f.insp_id`, [JSON.stringify(c.provinceActor)]);
  await q(`insert into act_evt
           select f.region_path, f.inst, 'Finding', f.id::text, e.type, e.payload || jsonb_build_object('demo', to_char(f.sd, 'YYYY')), e.at
             from act_fs f cross join lateral (
               select 'FindingConfirmed' as type, jsonb_build_object('at', f.confirmed_at) as payload, f.confirmed_at as at where f.base = 'confirmed'
               union all select 'FindingAppealed', jsonb_build_object('at', pg_temp.ts(f.answer_day, 11), 'attachments', 0), pg_temp.ts(f.answer_day, 11) where f.base = 'appealed'
               union all select 'FindingAppealReviewed', jsonb_build_object('at', pg_temp.ts(f.review_day, 15),
                                 'outcome', case when f.st = 'appeal_upheld' then 'upheld' else 'rejected' end), pg_temp.ts(f.review_day, 15) where f.reviewed
             ) e`);
  await q(`insert into act_evt
           select min(f.region_path), min(f.inst), 'Inspection', f.insp_id::text, 'FindingsDeemedConfirmed',
                  jsonb_build_object('findingIds', jsonb_agg(f.id order by f.idx), 'at', pg_temp.ts(min(f.due) + 1, 0), 'demo', to_char(min(f.sd), 'YYYY')),
                  pg_temp.ts(min(f.due) + 1, 0)
             from act_fs f where f.base = 'deemed_confirmed' group by f.insp_id`);
  await q(`insert into act_evt
           select d.region_path, d.inst, 'HandlingDecision', d.dec_id::text, e.type, e.payload || jsonb_build_object('demo', to_char(d.dday, 'YYYY')), e.at
             from act_dec d cross join lateral (
               select 'DecisionCreated' as type,
                      jsonb_build_object('input', jsonb_build_object('decisionId', d.dec_id,
                        'actor', jsonb_build_object('userId', 'demo-activity-county_staff', 'username', 'demo.activity.county_staff', 'displayName', '经办员${DEMO_MARK}',
                                                    'roles', '["county_staff"]'::jsonb, 'regionPath', d.region_path,
                                                    'organizationId', 'agency-' || d.county, 'organizationKind', 'agency'),
                        'status', case when d.major then 'pending_legal_review' when d.rect_due is not null then 'rectifying' else 'effective' end,
                        'rectificationDueAt', case when d.rect_due is not null then pg_temp.ts(d.rect_due + 1, 0) end)) as payload,
                      pg_temp.ts(d.dday, 10) as at
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'legal_review', 'at', pg_temp.ts(d.lr_day, 16),
                                  'approved', d.approved, 'status', case when not d.approved then 'closed' when d.rect_due is not null then 'rectifying' else 'effective' end)),
                                pg_temp.ts(d.lr_day, 16) where d.major and d.lr_day <= '${H}'::date
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'rectification_submitted', 'at', pg_temp.ts(d.sub_day, 14))),
                                pg_temp.ts(d.sub_day, 14) where d.sub_day is not null
               union all select 'DecisionRectificationOverdue', jsonb_build_object('due', d.rect_due), pg_temp.ts(d.rect_due + 1, 0) where d.overdue
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'rectification_reviewed', 'at', pg_temp.ts(d.conf_day, 11),
                                  'accepted', true, 'newRectificationDueAt', null)), pg_temp.ts(d.conf_day, 11) where d.conf_day is not null
             ) e`);

  // Amounts actually recovered (issue 16, added after everything above so that its numbers stay as
  // they were): 60% of the decisions in effect before the horizon, one recovery each within 30 days
  // of taking effect — deducted from settlement (扣减) or repaid (退回), the whole confirmed amount
  // for half of them, a part for the others — with its history entry and event.
  await q(`create temp table act_rec on commit drop as
    select d.dec_id, d.region_path, d.inst, coalesce((select a.agency_id from service_agreement a where a.institution_id = d.inst), 'agency-' || d.county) as agency,
           pg_temp.uid('rec|' || d.dec_id) as rec_id,
           case when pg_temp.r('rec2|' || d.dec_id) < 0.5 then d.amount
                else greatest(0.01, round(d.amount * (0.2 + 0.6 * pg_temp.r('rec3|' || d.dec_id))::numeric, 2)) end as amount,
           least(d.eff_day + 1 + floor(pg_temp.r('rec4|' || d.dec_id) * 30)::int, '${H}'::date) as rec_day,
           case when pg_temp.r('rec5|' || d.dec_id) < 0.6 then 'deduction' else 'repayment' end as method
      from act_dec d
     where d.eff_day is not null and d.eff_day < '${H}'::date and d.amount > 0 and pg_temp.r('rec|' || d.dec_id) < 0.6`);
  await q(`insert into decision_recovery (id, decision_id, region_path, owner_org_id, agency_id, amount, recovered_on, method, attachment_ids,
                                          recorded_by, recorded_by_user_id, recorded_at)
           select rec_id, dec_id, region_path, inst, agency, amount, rec_day, method, '{}', '经办员${DEMO_MARK}', 'demo-activity-county_staff', pg_temp.ts(rec_day, 15)
             from act_rec`);
  await q(`insert into decision_history (id, decision_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('dh|' || dec_id || '|recovery_recorded'), dec_id, region_path, inst, pg_temp.ts(rec_day, 15), 'recovery_recorded',
                  'demo-activity-county_staff', '经办员${DEMO_MARK}',
                  case method when 'deduction' then '扣减 ' else '退回 ' end || to_char(amount, 'FM999999999990.00') || ' 元（' || rec_day || '）'
             from act_rec`);
  await q(`insert into act_evt
           select region_path, inst, 'HandlingDecision', dec_id::text, 'DecisionRecoveryRecorded',
                  jsonb_build_object('recoveryId', rec_id, 'amount', amount, 'method', method, 'recoveredOn', rec_day, 'demo', to_char(rec_day, 'YYYY')),
                  pg_temp.ts(rec_day, 15)
             from act_rec`);
}

import type { CampaignInfo } from './campaigns.js';
import { FOCUS_OPTIONS } from '../../contexts/campaigns/domain/campaign.js';
import { ActivityScale, Actor, CLINICIANS, DEMO_MARK, Exec, FINDING_TYPES, SCALES, at } from './common.js';

// -------------------------------------------------------------------------------------------------
// Spot-checks (双随机抽查) and their inspections

export async function generateSpotChecks(q: Exec, c: {
  Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; cities: string[]; campaign: CampaignInfo;
  scale: (typeof SCALES)[ActivityScale]; inspectorCount: number;
}): Promise<void> {
  const { Y, H, P } = c;
  const checks: { key: string; title: string; kinds: string[]; keyOnly: boolean; ratio: number; draw: string; due: string; campaignId: string | null }[] = [];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    checks.push({ key: `m${mm}`, title: `${Y}年${m}月定点零售药店及基层医疗机构双随机抽查${DEMO_MARK}`, kinds: ['pharmacy', 'clinic'], keyOnly: false,
      ratio: c.scale.monthlyRatio, draw: `${Y}-${mm}-05`, due: `${Y}-${mm}-27`, campaignId: null });
  }
  const inCampaign = c.campaign.assignedDay !== null;
  checks.push({ key: 'hospital', title: `${Y}年度专项治理定点医疗机构抽查复查${DEMO_MARK}`, kinds: ['hospital'], keyOnly: false, ratio: c.scale.hospitalRatio,
    draw: `${Y}-09-03`, due: `${Y}-10-31`, campaignId: inCampaign ? c.campaign.id : null });
  checks.push({ key: 'key1', title: `${Y}年上半年重点监管对象现场检查${DEMO_MARK}`, kinds: ['hospital', 'pharmacy', 'clinic'], keyOnly: true, ratio: 1, draw: `${Y}-04-08`, due: `${Y}-06-30`, campaignId: null });
  checks.push({ key: 'key2', title: `${Y}年下半年重点监管对象现场检查${DEMO_MARK}`, kinds: ['hospital', 'pharmacy', 'clinic'], keyOnly: true, ratio: 1, draw: `${Y}-10-09`, due: `${Y}-11-30`, campaignId: null });
  const live = checks.filter((s) => s.draw <= H);
  if (!live.length) return;
  await q(`create temp table act_sc on commit drop as
    select pg_temp.uid('sc|' || key) as id, key, title, kinds::text[] as kinds, key_only, ratio, draw::date, due::date, campaign_id::uuid
      from jsonb_to_recordset(?::jsonb) as x(key text, title text, kinds text[], key_only boolean, ratio float8, draw date, due date, campaign_id text)`,
  [JSON.stringify(live.map((s) => ({ key: s.key, title: s.title, kinds: s.kinds, key_only: s.keyOnly, ratio: s.ratio, draw: s.draw, due: s.due, campaign_id: s.campaignId })))]);
  const checklist = FOCUS_OPTIONS.map((o) => o.zh);
  const hex = (k: string) => `md5('${k}|' || key) || md5('${k}2|' || key)`;
  await q(`insert into spot_check (id, region_path, owner_org_id, year, title, campaign_id, city_codes, institution_kinds, parameters, checklist_items,
             due_date, witnesses, beacon_required, status, commitment, committed_at, drawn_at, result_hash, population, drawn, overdue, created_at, created_by)
           select id, ?, ?, ${Y}, title, campaign_id, ?::text[], kinds,
                  jsonb_build_object('defaultRatio', ratio, 'ratios', '{}'::jsonb, 'teamSize', 2, 'riskWeighted', true), ?::jsonb,
                  due, '[{"name":"省纪委驻局纪检组见证人"},{"name":"参保人代表"}]'::jsonb, false, 'drawn', ${hex('commit')},
                  pg_temp.ts(draw - 1, 15), pg_temp.ts(draw, 10), ${hex('result')}, 0, 0, false, pg_temp.ts(draw - 3, 9), ?
             from act_sc`, [P, c.provinceBureau, `{${c.cities.join(',')}}`, JSON.stringify(checklist), c.provinceActor.displayName]);

  // the drawn institutions: per city at least the ratio (rounded up), by a seeded shuffle
  const s = c.scale;
  await q(`create temp table act_insp on commit drop as
    with cand as (
      select sc.id as sc_id, sc.key as sc_key, sc.title as sc_title, sc.campaign_id, sc.draw, sc.due, sc.ratio, i.*,
             row_number() over (partition by sc.id, i.city order by pg_temp.r(sc.key || '|' || i.id)) as rn,
             count(*) over (partition by sc.id, i.city) as n
        from act_sc sc join act_inst i on i.kind = any(sc.kinds) and (not sc.key_only or i.key)
    ), picked as (
      select cand.*, pg_temp.uid('insp|' || sc_key || '|' || id) as insp_id,
             row_number() over (partition by sc_id order by city, rn) as draw_order,
             draw + 2 + floor(pg_temp.r('io|' || sc_key || id) * greatest(1, due - draw - 8))::int as ip,
             pg_temp.r('ix|' || sc_key || id) as x
        from cand where rn <= ceil(ratio * n)
    ), dated as (
      select picked.*,
             case when x < 0.06 then due + 3 + floor(pg_temp.r('il|' || sc_key || id) * 12)::int
                  else ip + 1 + floor(pg_temp.r('is|' || sc_key || id) * 4)::int end as sd,
             x > 0.97 as never_sent
        from picked
    )
    select dated.*,
           case when ip > '${H}'::date or (never_sent and x > 0.985) then 'assigned'
                when never_sent or sd > '${H}'::date then 'recorded' else 'sent' end as st,
           (select jsonb_agg(jsonb_build_object('inspectorId', t.id, 'name', t.name, 'organizationName', t.org) order by t.k)
              from act_inspector t
             where ${c.inspectorCount} > 0 and t.k in (((hashtext(dated.insp_id::text)::bigint & 2147483647) % greatest(${c.inspectorCount}, 1)),
                                                       (((hashtext(dated.insp_id::text)::bigint & 2147483647) + 1) % greatest(${c.inspectorCount}, 1)))) as team
      from dated`);
  await q(`alter table act_insp add column nf int`);
  // findings only on recorded results; settled-only institutions get none in their last 75 days
  await q(`update act_insp set nf = case
             when st = 'assigned' then 0
             when quiet and sd > '${H}'::date - 75 then 0
             when pg_temp.r('nf0|' || insp_id) < ${s.noFindings} then 0
             else 1 + floor(pg_temp.r('nf|' || insp_id) * ${s.maxFindings})::int end`);
  await q(`create index on act_insp (insp_id)`);
  await q(`analyze act_insp`);
  await q(`create temp table act_find on commit drop as
    select i.insp_id, i.sc_id, g as idx, pg_temp.uid('f|' || i.insp_id || '|' || g) as id, i.id as inst, i.region_path, i.county, i.city, i.kind, i.quiet, i.st as insp_st,
           i.sd, ft.type, ft.description,
           round(exp(ln(100) + pg_temp.r('fa|' || i.insp_id || g) * ln(500))::numeric, 2) as amount,
           case when i.kind <> 'pharmacy' and pg_temp.r('fc|' || i.insp_id || g) < 0.3
                then (?::text[])[1 + floor(pg_temp.r('fcn|' || i.insp_id || g) * ${CLINICIANS.length})::int] end as clinician
      from act_insp i cross join generate_series(0, i.nf - 1) g
      cross join lateral (select (?::text[])[1 + floor(pg_temp.r('ft|' || i.insp_id || g) * ${FINDING_TYPES.length})::int] as type) t0
      cross join lateral (select t0.type, (?::jsonb)->>t0.type as description) ft`,
  [`{${CLINICIANS.join(',')}}`, `{${FINDING_TYPES.map(([t]) => t).join(',')}}`, JSON.stringify(Object.fromEntries(FINDING_TYPES))]);
  await q(`create index on act_find (insp_id, idx)`);
  await q(`analyze act_find`);

  await q(`insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, campaign_id, checklist_items, institution_id,
             city_code, kind, level, draw_order, team, status, due_date, overdue, inspected_on, checklist, findings, recorded_at, recorded_by, sent_at, created_at)
           select i.insp_id, i.region_path, i.id, i.sc_id, i.sc_title, i.campaign_id, ?::jsonb, i.id, i.city, i.kind, i.level, i.draw_order,
                  coalesce(i.team, '[]'::jsonb), i.st, i.due,
                  (i.st <> 'sent' and i.due < '${H}'::date) or (i.st = 'sent' and i.sd > i.due),
                  case when i.st <> 'assigned' then i.ip end,
                  case when i.st = 'assigned' then '[]'::jsonb else
                    (select jsonb_agg(jsonb_build_object('item', item, 'result', case when i.nf > 0 and n = 1 then 'deficient' else 'compliant' end, 'note', null) order by n)
                       from jsonb_array_elements_text(?::jsonb) with ordinality as e(item, n)) end,
                  coalesce((select jsonb_agg(jsonb_build_object('type', f.type, 'description', f.description, 'amount', f.amount,
                                                                'clinicianName', f.clinician, 'attachmentIds', '[]'::jsonb) order by f.idx)
                              from act_find f where f.insp_id = i.insp_id), '[]'::jsonb),
                  case when i.st <> 'assigned' then pg_temp.ts(i.ip, 18) end,
                  case when i.st <> 'assigned' then ? end,
                  case when i.st = 'sent' then pg_temp.ts(i.sd, 10) end,
                  pg_temp.ts(i.draw, 10)
             from act_insp i`, [JSON.stringify(checklist), JSON.stringify(checklist), c.provinceActor.displayName]);
  // the spot-checks' figures and their ends (closed once every inspection was sent; overdue flagged at the due instant)
  await q(`update spot_check s set drawn = x.n, population = x.pop, status = case when x.unsent = 0 then 'closed' else 'drawn' end,
             overdue = x.late > 0
           from (select sc.id, count(i.*)::int as n,
                        (select count(*)::int from act_inst a where a.kind = any(sc.kinds) and (not sc.key_only or a.key)) as pop,
                        count(*) filter (where i.st <> 'sent')::int as unsent,
                        count(*) filter (where (i.st <> 'sent' and sc.due < '${H}'::date) or (i.st = 'sent' and i.sd > sc.due))::int as late
                   from act_sc sc left join act_insp i on i.sc_id = sc.id group by sc.id, sc.kinds, sc.key_only) x
          where s.id = x.id`);
  const actor = JSON.stringify(c.provinceActor);
  await q(`insert into spot_check_history (id, spot_check_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('sch|' || sc.id || '|' || a.action), sc.id, ?, ?, a.at, a.action, 'demo-activity-province_official', ?, a.comment
             from act_sc sc join spot_check s on s.id = sc.id
             cross join lateral (values ('created', pg_temp.ts(sc.draw - 3, 9), null),
                                        ('committed', pg_temp.ts(sc.draw - 1, 15), '承诺值 ' || s.commitment),
                                        ('drawn', pg_temp.ts(sc.draw, 10), '抽取 ' || s.drawn || ' 家，结果摘要 ' || s.result_hash)) as a(action, at, comment)`,
  [P, c.provinceBureau, c.provinceActor.displayName]);
  await q(`insert into act_evt
           select ?, ?, 'SpotCheck', sc.id::text, e.type, e.payload || jsonb_build_object('demo', '${Y}'), e.at
             from act_sc sc join spot_check s on s.id = sc.id
             cross join lateral (
               select 'SpotCheckCreated' as type, jsonb_build_object('year', ${Y}, 'title', sc.title) as payload, pg_temp.ts(sc.draw - 3, 9) as at
               union all select 'SpotCheckCommitted', jsonb_build_object('commitment', s.commitment, 'population', s.population), pg_temp.ts(sc.draw - 1, 15)
               union all select 'SpotCheckDrawn', jsonb_build_object('input', jsonb_build_object('spotCheckId', sc.id, 'actor', ?::jsonb, 'inspections', s.drawn,
                                  'dueAt', pg_temp.ts(sc.due + 1, 0))), pg_temp.ts(sc.draw, 10)
               union all select 'SpotCheckOverdue', jsonb_build_object('unsent', (select count(*) from act_insp i where i.sc_id = sc.id and (i.st <> 'sent' or i.sd > sc.due))),
                                pg_temp.ts(sc.due + 1, 0) where s.overdue and sc.due < '${H}'::date
               union all select 'SpotCheckClosed', '{}'::jsonb, (select max(pg_temp.ts(i.sd, 10)) from act_insp i where i.sc_id = sc.id)
                where s.status = 'closed' and exists (select 1 from act_insp i where i.sc_id = sc.id)
             ) e`, [P, c.provinceBureau, actor]);
  await q(`insert into act_evt
           select i.region_path, i.id, 'Inspection', i.insp_id::text, e.type, e.payload || jsonb_build_object('demo', '${Y}'), e.at
             from act_insp i cross join lateral (
               select 'InspectionRecorded' as type, jsonb_build_object('spotCheckId', i.sc_id, 'findings', i.nf) as payload, pg_temp.ts(i.ip, 18) as at
                where i.st <> 'assigned'
               union all
               select 'InspectionSent', jsonb_build_object('spotCheckId', i.sc_id,
                        'transition', jsonb_build_object('action', 'inspection_sent', 'inspectionId', i.insp_id, 'at', pg_temp.ts(i.sd, 10))), pg_temp.ts(i.sd, 10)
                where i.st = 'sent'
             ) e`);
}

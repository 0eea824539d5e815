import { checklistFor } from '../../contexts/spot-checks/domain/agency-inspection.js';
import type { InstitutionKind, InstitutionLevel } from '../../contexts/spot-checks/domain/draw/index.js';

type Row = Record<string, unknown>;
type Exec = <T = Row>(sql: string, params?: unknown[]) => Promise<T[]>;

/** How many inspections an agency makes of each institution in a year, by scale (the generator's choice; the rules ask ≥1, key units ≥2). */
export const AGENCY_INSPECTIONS_PER_YEAR = { demo: 1.5, benchmark: 5 } as const;

/**
 * The agencies' own inspections of the year (issue 13), set-based: each institution held by an agency
 * (its service agreement) gets `perYear` inspections on average — key-supervision units at least two
 * — spread over the year, by a team of two of the agency's inspectors (none for an agency without
 * inspectors: those are skipped). Those planned up to the horizon are sent (a few only recorded),
 * the next month's are scheduled. Routine on-site inspections mostly, some data reviews and
 * follow-ups; they carry no findings (the generator's findings come from the province's spot-checks).
 * Their events are the real ones (scheduled, recorded, sent), already dispatched. Reads `act_inst`.
 */
export async function generateAgencyInspections(q: Exec, c: { Y: number; H: string; perYear: number; demoMark: string }): Promise<number> {
  const { Y, H } = c;
  const combos: Record<string, string[]> = {};
  for (const kind of ['hospital', 'pharmacy', 'clinic'] as InstitutionKind[]) {
    for (const level of ['tertiary', 'secondary', 'primary', 'none'] as InstitutionLevel[]) {
      for (const ownership of ['public', 'private', null] as const) combos[`${kind}|${level}|${ownership ?? ''}`] = checklistFor(kind, level, ownership);
    }
  }
  await q(`create temp table act_ainsp on commit drop as
    with held as (
      select i.*, a.agency_id, o.ownership, g.name as agency_name,
             greatest(case when i.key then 2 else 1 end,
                      floor(${c.perYear} + pg_temp.r('an|' || i.id))::int) as n
        from act_inst i join service_agreement a on a.institution_id = i.id
        join organization o on o.id = i.id join organization g on g.id = a.agency_id
       where a.status <> 'terminated'
    ), planned as (
      select held.*, k,
             pg_temp.uid('ainsp|' || held.id || '|' || k) as insp_id,
             make_date(${Y}, 1, 1) + floor(((k + pg_temp.r('ad|' || held.id || k)) / n) * 364)::int as planned_on,
             pg_temp.r('ax|' || held.id || k) as x
        from held cross join generate_series(0, held.n - 1) k
    )
    select planned.*,
           case when planned_on > '${H}'::date then 'assigned' when x < 0.02 or planned_on + 2 > '${H}'::date then 'recorded' else 'sent' end as st,
           case when x < 0.75 then 'routine' when x < 0.9 then 'targeted' else 'follow_up' end as itype,
           case when pg_temp.r('am|' || insp_id) < 0.2 then 'data_review' else 'on_site' end as method,
           pg_temp.r('aa|' || insp_id) < 0.7 as announced,
           (select jsonb_agg(jsonb_build_object('inspectorId', t.id, 'name', t.name, 'organizationName', planned.agency_name) order by t.id)
              from (select x.id, x.name from inspector x where x.organization_id = planned.agency_id and x.active
                     order by md5(x.id || planned.insp_id::text) limit 2) t) as team
      from planned
     where planned_on <= '${H}'::date + 30`);
  await q(`delete from act_ainsp where team is null or jsonb_array_length(team) < 2`);
  await q(`insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, campaign_id, checklist_items, institution_id,
             city_code, kind, level, draw_order, team, status, due_date, overdue, inspected_on, checklist, findings, recorded_at, recorded_by, sent_at, created_at,
             origin, agency_id, inspection_type, method, announced, planned_on, cross_inspection, basis, interviews, created_by)
           select a.insp_id, a.region_path, a.id, null, a.agency_name || case a.itype when 'routine' then '日常稽核' when 'targeted' then '专项检查' else '回头看' end || ?,
                  null, ck.items, a.id, a.city, a.kind, coalesce(a.level, 'none'), null, a.team, a.st, a.planned_on, false,
                  case when a.st <> 'assigned' then a.planned_on end,
                  case when a.st = 'assigned' then '[]'::jsonb else
                    (select jsonb_agg(jsonb_build_object('item', item, 'result', 'compliant', 'note', null) order by n) from jsonb_array_elements_text(ck.items) with ordinality as e(item, n)) end,
                  '[]'::jsonb,
                  case when a.st <> 'assigned' then pg_temp.ts(a.planned_on, 17) end,
                  case when a.st <> 'assigned' then '稽核员' || ? end,
                  case when a.st = 'sent' then pg_temp.ts(a.planned_on + 2, 10) end,
                  pg_temp.ts(least('${H}'::date, greatest(make_date(${Y}, 1, 1), a.planned_on - 14)), 9),
                  'agency', a.agency_id, a.itype, a.method, a.announced, a.planned_on, false, null, '[]'::jsonb, '稽核员' || ?
             from act_ainsp a
             cross join lateral (select (?::jsonb) -> (a.kind || '|' || coalesce(a.level, 'none') || '|' || coalesce(a.ownership, '')) as items) ck
           on conflict (id) do nothing`, [c.demoMark, c.demoMark, c.demoMark, JSON.stringify(combos)]);
  await q(`insert into act_evt
           select a.region_path, a.id, 'Inspection', a.insp_id::text, e.type, e.payload || jsonb_build_object('demo', '${Y}'), e.at
             from act_ainsp a cross join lateral (
               select 'InspectionScheduled' as type, jsonb_build_object('plannedOn', a.planned_on, 'inspectionType', a.itype) as payload,
                      pg_temp.ts(least('${H}'::date, greatest(make_date(${Y}, 1, 1), a.planned_on - 14)), 9) as at
               union all
               select 'InspectionRecorded', jsonb_build_object('spotCheckId', null, 'findings', 0), pg_temp.ts(a.planned_on, 17) where a.st <> 'assigned'
               union all
               select 'InspectionSent', jsonb_build_object('origin', 'agency', 'spotCheckId', null,
                        'transition', jsonb_build_object('action', 'inspection_sent', 'inspectionId', a.insp_id, 'at', pg_temp.ts(a.planned_on + 2, 10))),
                      pg_temp.ts(a.planned_on + 2, 10)
                where a.st = 'sent'
             ) e`);
  const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from act_ainsp`);
  return n;
}

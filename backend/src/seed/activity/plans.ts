import { addCalendarDays, chinaDateOf, chinaInstant } from '../../platform/calendar/working-days.js';
import { Prng } from '../prng.js';
import { Actor, DEMO_MARK, EventRow, Exec, QUIET_COUNTIES, Row, actorAt, at, hash32, insertJson, iso, uuidOf } from './common.js';

// -------------------------------------------------------------------------------------------------
// Annual plans (年度监管方案) of every city and county handling agency

export async function generatePlans(q: Exec, events: EventRow[], c: { Y: number; H: string; P: string; province: string; seed: number }): Promise<number> {
  const { Y, H } = c;
  const openedDay = `${Y}-01-06`;
  if (H < openedDay) return 0;
  const units = await q<{ id: string; region_path: string; code: string; level: 'city' | 'county'; parent_path: string }>(
    `select o.id, o.region_path, o.region_code as code, r.level, p.path as parent_path
       from organization o join region r on r.code = o.region_code join region p on p.code = r.parent_code
      where o.kind = 'agency' and o.region_path like ? and r.level in ('city', 'county') and o.region_code <> all(?::text[])
        and not exists (select 1 from annual_plan a where a.owner_org_id = o.id and a.year = ?)
      order by o.id`, [`${c.P}%`, `{${QUIET_COUNTIES.join(',')}}`, Y]);
  const rng = new Prng(c.seed ^ (Y * 31));
  const deadline = `${Y}-05-15`;
  const overdueAt = at(addCalendarDays(deadline, 1), 0);
  const closeAt = chinaInstant(`${Y + 1}-01-01`);
  const closed = at(c.H, 0) >= closeAt || H === `${Y}-12-31`;
  const rows: Row[] = [];
  const history: Row[] = [];
  for (const u of units) {
    const id = uuidOf(`plan|${Y}|${u.id}`);
    const actor = actorAt('agency', u.id, u.region_path, u.level === 'county' ? 'county_staff' : 'city_agency_staff', '方案编制人');
    // a county plan: the city agency reviews it and forwards it (汇总上报), the city bureau files it (备案);
    // a city plan: the province files it
    const reviewer = actorAt(u.level === 'county' ? 'agency' : 'bureau', u.level === 'county' ? `agency-${u.code.slice(0, 4)}` : `bureau-${c.province}`,
      u.parent_path, u.level === 'county' ? 'city_agency_staff' : 'province_official', '方案审核人');
    const filer = u.level === 'county' ? actorAt('bureau', `bureau-${u.code.slice(0, 4)}`, u.parent_path, 'city_agency_staff', '方案备案人') : reviewer;
    const opened = at(openedDay, 9);
    // outcome: filed 74%, submitted (awaiting review) 8%, returned 6%, draft 7%, never started 5%
    const x = rng.next();
    const outcome = x < 0.74 ? 'filed' : x < 0.82 ? 'submitted' : x < 0.88 ? 'returned' : x < 0.95 ? 'draft' : 'not_started';
    const late = outcome === 'filed' && rng.next() < 0.12;
    const draftDay = addCalendarDays(openedDay, 10 + rng.int(60));
    const submitDay = late ? addCalendarDays(deadline, 3 + rng.int(25)) : addCalendarDays(draftDay, 5 + rng.int(40));
    const reviewDay = addCalendarDays(submitDay, 2 + rng.int(10));
    const ev = (type: string, when: Date, payload: Row) => {
      if (chinaDateOf(when) > H) return false;
      events.push({ region_path: u.region_path, owner_org_id: u.id, aggregate_type: 'AnnualPlan', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
      return true;
    };
    const hist = (action: string, when: Date, by: Actor, comment: string | null = null) =>
      history.push({ id: uuidOf(`plan-h|${Y}|${u.id}|${action}|${iso(when)}`), region_path: u.region_path, owner_org_id: u.id, plan_id: id, at: iso(when), action, by_user_id: by.userId, by_name: by.displayName, comment });
    const transition = (action: string, when: Date, by: Actor, comment?: string) =>
      ({ unitOrgId: u.id, year: Y, transition: { action, at: iso(when), by: by.username, ...(comment ? { comment } : {}) } });

    ev('AnnualPlanOpened', opened, {
      opener: actorAt('bureau', `bureau-${c.province}`, c.P, 'province_official', '省医保局经办人'), unitOrgId: u.id, year: Y, status: 'not_started',
      deadline: { remindAt: [iso(at(addCalendarDays(deadline, -15), 9)), iso(at(addCalendarDays(deadline, -3), 9))], overdueAt: iso(overdueAt), closeAt: iso(closeAt) },
    });
    hist('opened', opened, actor);
    let status = 'not_started';
    let submittedAt: Date | null = null;
    let filedAt: Date | null = null;
    let forwardedAt: Date | null = null;
    let edit = 1;
    const steps: [string, string, Date, Actor, string?][] = [];
    if (outcome !== 'not_started') steps.push(['draft', 'AnnualPlanDrafted', at(draftDay, 15), actor]);
    if (['filed', 'submitted', 'returned'].includes(outcome)) steps.push(['submit', 'AnnualPlanSubmitted', at(submitDay, 16), actor]);
    // county plans awaiting review: about half already forwarded to the city bureau
    const forwarded = u.level === 'county' && (outcome === 'filed' || (outcome === 'submitted' && hash32(`plan-forward|${Y}|${u.id}`) % 2 === 0));
    if (forwarded) steps.push(['forward', 'AnnualPlanForwarded', at(reviewDay, 11), reviewer]);
    if (outcome === 'filed') steps.push(['file', 'AnnualPlanFiled', u.level === 'county' ? at(addCalendarDays(reviewDay, 2), 15) : at(reviewDay, 11), filer]);
    if (outcome === 'returned') steps.push(['return', 'AnnualPlanReturned', at(reviewDay, 11), reviewer, `工作目标与配档表不一致，请修改后重新报送${DEMO_MARK}`]);
    let overdue = false;
    for (const [action, type, when, by, comment] of steps) {
      // the clock flags the plan on 16 May when it was never submitted by then
      if (!overdue && when >= overdueAt && (status === 'not_started' || status === 'draft') && chinaDateOf(overdueAt) <= H) {
        overdue = true;
        ev('AnnualPlanMarkedOverdue', overdueAt, { deadline });
        hist('overdue', overdueAt, provinceActorFor(c));
      }
      if (!ev(type, when, transition(action, when, by, comment))) break;
      hist(action, when, by, comment ?? null);
      status = { draft: 'draft', submit: 'submitted', forward: 'forwarded', file: 'filed', return: 'returned' }[action]!;
      edit += 1;
      if (action === 'submit') submittedAt = when;
      if (action === 'forward') forwardedAt = when;
      if (action === 'file') filedAt = when;
    }
    if (!overdue && (status === 'not_started' || status === 'draft') && chinaDateOf(overdueAt) <= H) {
      overdue = true;
      ev('AnnualPlanMarkedOverdue', overdueAt, { deadline });
      hist('overdue', overdueAt, provinceActorFor(c));
    }
    let closedAt: Date | null = null;
    if (closed) {
      closedAt = closeAt;
      events.push({ region_path: u.region_path, owner_org_id: u.id, aggregate_type: 'AnnualPlan', aggregate_id: id, event_type: 'AnnualPlanClosed', payload: { filed: filedAt !== null, demo: `${Y}` }, occurred_at: iso(closeAt) });
      hist('close', closeAt, provinceActorFor(c));
      status = 'closed';
    }
    const target = 4 + rng.int(40);
    const monthly = Array.from({ length: 12 }, (_, m) => Math.floor(target / 12) + (m < target % 12 ? 1 : 0));
    const cumulative = [0];
    for (const m of monthly) cumulative.push(cumulative[cumulative.length - 1]! + m);
    const content = status === 'not_started' ? null : {
      targets: [{ code: 'onsite', label: '现场检查定点医药机构家次', unit: 'count', value: target }, { code: 'coverage', label: '检查覆盖率', unit: 'percent', value: 10 }],
      focusAreas: ['split_charging', 'drug_swapping', 'card_misuse'],
      methods: `日常审核与现场检查相结合，双随机抽查${DEMO_MARK}`,
      steps: '一季度部署，二、三季度检查，四季度总结',
      responsiblePersons: [{ name: '张明', title: '稽核科科长' }],
    };
    const schedule = content ? [
      { id: 'onsite', title: '现场检查', owner: '稽核科', targetCode: 'onsite', monthly },
      { id: 'coverage', title: '覆盖率跟踪', owner: '稽核科', targetCode: 'coverage', monthly: Array(12).fill(0) },
    ] : [];
    rows.push({
      id, region_path: u.region_path, owner_org_id: u.id, year: Y, unit_level: u.level, reviewer_region_path: u.parent_path, status, overdue,
      deadline, content, schedule, planned_cumulative: content ? cumulative : Array(13).fill(0), opened_at: iso(opened),
      submitted_at: submittedAt && iso(submittedAt), forwarded_at: forwardedAt && iso(forwardedAt), filed_at: filedAt && iso(filedAt),
      closed_at: closedAt && iso(closedAt), edit_version: edit,
    });
  }
  await insertJson(q, 'annual_plan', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', year: 'int', unit_level: 'text', reviewer_region_path: 'text', status: 'text', overdue: 'boolean',
    deadline: 'date', content: 'jsonb', schedule: 'jsonb', planned_cumulative: 'jsonb', opened_at: 'timestamptz', submitted_at: 'timestamptz',
    forwarded_at: 'timestamptz', filed_at: 'timestamptz', closed_at: 'timestamptz', edit_version: 'int',
  }, rows);
  await insertJson(q, 'annual_plan_history', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', plan_id: 'uuid', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, history);
  return rows.length;
}

export function provinceActorFor(c: { P: string; province: string }): Actor {
  return actorAt('bureau', `bureau-${c.province}`, c.P, 'province_official', '系统（计划时钟）');
}

import { addCalendarDays, addWorkingDays } from '../../platform/calendar/working-days.js';
import { Prng } from '../prng.js';
import { Actor, DEMO_MARK, EventRow, Exec, Row, actorAt, at, dayDiff, hash32, insertJson, iso, uuidOf } from './common.js';

// -------------------------------------------------------------------------------------------------
// Disputes (争议处理) over effective decisions, level by level up to the province

export async function generateDisputes(q: Exec, events: EventRow[], c: { H: string; province: string; seed: number; share: number }): Promise<void> {
  const H = c.H;
  const decisions = await q<{ id: string; region_path: string; inst: string; county: string; eff_day: string; conf_day: string | null; y: number }>(
    `select dec_id::text as id, region_path, inst, county, to_char(eff_day, 'YYYY-MM-DD') as eff_day, to_char(conf_day, 'YYYY-MM-DD') as conf_day,
            pg_temp.r('dsp|' || dec_id) as y
       from act_dec
      where not quiet and eff_day is not null and eff_day + 3 <= '${H}'::date
        and exists (select 1 from jsonb_array_elements(measures) m where m->>'kind' in ('refuse_payment', 'terminate_agreement', 'suspend_settlement'))
      order by dec_id`);
  const rows: Row[] = [];
  const history: Row[] = [];
  for (const d of decisions) {
    if (d.y >= c.share) continue;
    const rng = new Prng(c.seed ^ hash32(d.id));
    const city = d.county.slice(0, 4);
    const path = [
      { level: 'county', bureauId: `bureau-${d.county}`, regionPath: `/${c.province}/${city}/${d.county}/` },
      { level: 'city', bureauId: `bureau-${city}`, regionPath: `/${c.province}/${city}/` },
      { level: 'province', bureauId: `bureau-${c.province}`, regionPath: `/${c.province}/` },
    ];
    const filedDay = addCalendarDays(d.eff_day, 3 + rng.int(12));
    // a decision is disputable while in effect (not once its rectification was accepted and it closed)
    if (filedDay > H || (d.conf_day !== null && filedDay >= d.conf_day)) continue;
    const id = uuidOf(`dispute|${d.id}`);
    const clerk = actorAt('institution', d.inst, d.region_path, 'institution_clerk', '机构经办人');
    const levels = path.map((p) => ({ ...p, dueDate: null as string | null, receivedAt: null as string | null, decision: null as Row | null, overdue: false }));
    const ev = (type: string, when: Date, payload: Row) =>
      events.push({ region_path: d.region_path, owner_org_id: d.inst, aggregate_type: 'Dispute', aggregate_id: id, event_type: type, payload: { ...payload, demo: d.eff_day.slice(0, 4) }, occurred_at: iso(when) });
    const hist = (action: string, level: number, when: Date, by: Actor, comment: string | null) =>
      history.push({ id: uuidOf(`dispute-h|${d.id}|${action}|${level}`), dispute_id: id, region_path: d.region_path, owner_org_id: d.inst, at: iso(when), action, level,
        by_user_id: by.userId, by_name: by.displayName, by_org_id: by.organizationId, comment });
    const filedAt = at(filedDay, 10);
    levels[0]!.dueDate = addWorkingDays(filedDay, 20);
    levels[0]!.receivedAt = iso(filedAt);
    const reasons = `对处理决定认定的事实和适用条款有异议，申请争议处理${DEMO_MARK}`;
    hist('filed', 0, filedAt, clerk, reasons);
    ev('DisputeFiled', filedAt, {
      input: { disputeId: id, actor: clerk, path, firstDueAt: iso(at(addCalendarDays(levels[0]!.dueDate, 1), 0)) }, decisionId: d.id,
    });
    let current = 0;
    let status = 'open';
    let escalationDue: string | null = null;
    let outcome: string | null = null;
    let endedAt: Date | null = null;
    let day = filedDay;
    for (;;) {
      const level = levels[current]!;
      const bureau = actorAt('bureau', level.bureauId, level.regionPath, current === 2 ? 'province_official' : current === 1 ? 'city_agency_staff' : 'county_staff', '争议处理经办人');
      if (rng.next() < 0.1) {
        const wday = addCalendarDays(day, 2 + rng.int(10));
        if (wday <= H) {
          const when = at(wday, 15);
          status = 'withdrawn';
          endedAt = when;
          hist('withdrawn', current, when, clerk, '经沟通，撤回争议申请');
          ev('DisputeWithdrawn', when, { transition: { action: 'withdrawn', at: iso(when) } });
        }
        break;
      }
      // 85% decided in time, else late (flagged at the due instant)
      const late = rng.next() < 0.15;
      const decideDay = late ? addCalendarDays(level.dueDate!, 3 + rng.int(20)) : addCalendarDays(day, 5 + rng.int(Math.max(1, dayDiff(day, level.dueDate!) - 5)));
      if (late && addCalendarDays(level.dueDate!, 1) <= H) {
        level.overdue = true;
        const when = at(addCalendarDays(level.dueDate!, 1), 0);
        hist('level_overdue', current, when, actorAt('bureau', level.bureauId, level.regionPath, 'county_staff', '系统（争议时钟）'), `应于 ${level.dueDate} 前作出决定`);
        ev('DisputeLevelOverdue', when, { level: current, bureauId: level.bureauId });
      }
      if (decideDay > H) break;
      const when = at(decideDay, 16);
      const o = rng.next() < 0.7 ? 'upheld' : 'revised';
      const reasoning = o === 'upheld' ? '原处理决定事实清楚、依据充分，予以维持' : '部分金额认定有误，变更原处理决定';
      level.decision = { outcome: o, reasoning, at: iso(when), by: bureau.displayName, byUserId: bureau.userId };
      const final = current === levels.length - 1;
      if (final) {
        status = 'final';
        outcome = o;
        endedAt = when;
        escalationDue = null;
      } else {
        status = 'decided';
        escalationDue = addWorkingDays(decideDay, 15);
      }
      hist(final ? `decided_final_${o}` : `decided_${o}`, current, when, bureau, reasoning);
      ev('DisputeDecided', when, {
        transition: { action: 'decided', at: iso(when), level: current, final, escalationDueAt: escalationDue ? iso(at(addCalendarDays(escalationDue, 1), 0)) : null },
        outcome: o, decisionId: d.id,
      });
      if (final) break;
      // escalate within the window (35% at the county, 30% at the city)
      if (rng.next() < (current === 0 ? 0.35 : 0.3)) {
        const eday = addCalendarDays(decideDay, 2 + rng.int(Math.max(1, dayDiff(decideDay, escalationDue!) - 2)));
        if (eday > H) break;
        const ewhen = at(eday, 11);
        current += 1;
        levels[current]!.dueDate = addWorkingDays(eday, 20);
        levels[current]!.receivedAt = iso(ewhen);
        status = 'open';
        escalationDue = null;
        hist('escalated', current, ewhen, clerk, '不服本级争议处理决定，申请上一级处理');
        ev('DisputeEscalated', ewhen, { transition: { action: 'escalated', at: iso(ewhen), toLevel: current, dueAt: iso(at(addCalendarDays(levels[current]!.dueDate!, 1), 0)) } });
        day = eday;
        continue;
      }
      // the window closes without escalation: the level's decision stands
      const closeDay = addCalendarDays(escalationDue!, 1);
      if (closeDay <= H) {
        const cwhen = at(closeDay, 0);
        status = 'closed';
        outcome = o;
        endedAt = cwhen;
        hist('closed', current, cwhen, clerk, null);
        ev('DisputeClosed', cwhen, { outcome: o, decisionId: d.id });
      }
      break;
    }
    rows.push({
      id, region_path: d.region_path, owner_org_id: d.inst, decision_id: d.id, party: 'institution', clinician_name: null, reasons, path: levels, current,
      status, escalation_due: status === 'decided' || status === 'closed' ? escalationDue : null, outcome, filed_by: clerk.displayName, filed_by_user_id: clerk.userId,
      created_at: iso(filedAt), ended_at: endedAt && iso(endedAt),
    });
  }
  await insertJson(q, 'dispute', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', decision_id: 'uuid', party: 'text', clinician_name: 'text', reasons: 'text', path: 'jsonb', current: 'int',
    status: 'text', escalation_due: 'date', outcome: 'text', filed_by: 'text', filed_by_user_id: 'text', created_at: 'timestamptz', ended_at: 'timestamptz',
  }, rows);
  await insertJson(q, 'dispute_history', {
    id: 'uuid', dispute_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', level: 'int', by_user_id: 'text', by_name: 'text',
    by_org_id: 'text', comment: 'text',
  }, history.sort((a, b) => String(a.at).localeCompare(String(b.at))));
}

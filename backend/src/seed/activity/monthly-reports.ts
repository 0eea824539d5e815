import { addCalendarDays, chinaDateOf, chinaInstant } from '../../platform/calendar/working-days.js';
import { EMPTY_AUTO, EMPTY_MANUAL, MONTHLY_REPORT_EVENTS, MonthlyReport, nextMonth, type AutoFigures, type ManualFigures, type ReportStatus } from '../../contexts/monthly-reports/domain/monthly-report.js';
import { dueAtOf, openAtOf } from '../../contexts/monthly-reports/domain/schedule.js';
import { assembleFigures, countiesOf, type CountyRef } from '../../contexts/monthly-reports/infrastructure/monthly-reports.repository.js';
import { bulletinText, compileCity } from '../../contexts/monthly-reports/application/handlers.js';
import { Prng } from '../prng.js';
import { DEMO_MARK, EventRow, Exec, QUIET_COUNTIES, Row, actorAt, at, hash32, iso, uuidOf } from './common.js';

// -------------------------------------------------------------------------------------------------
// Monthly supervision reports (医保基金监管月报表) of every county bureau, and the cities' compilations

/**
 * The county reports of every month of the year whose reports have opened by `now` (the 1st of the
 * next month, 00:30): the months already due (the 10th of the next month), and the month being filed
 * when generating between the 1st and the 10th (open, not yet due); the cycle workflow handles the
 * months after that, and skips (its opening is idempotent) the one generated here. `auto` is the
 * figures the real opening assembles, by the same statement (assembleFigures), over the records as they
 * are now; the city compilation and its bulletin by the real compile's code (compileCity).
 *
 * Per county and month, seeded: on time 85% (6% of them returned once by the leader and filed again),
 * submitted on time but signed after the due instant 4%, submitted late 8% (flagged overdue at the
 * due instant, filed 1–15 days after), never filed 3% (overdue; half of them saved once). Work is done
 * on days before today only, the clock's steps (opening, overdue flag) up to `now`: for the latest due
 * month the late ones not filed by yesterday are still overdue. The two demo counties (QUIET_COUNTIES)
 * filed every due month on time and signed, and their report being filed, if any, is left as the
 * opening leaves it (a draft for xw.bureau to fill in and xw.leader to sign). A city compiles on the
 * 10th at 16:00 when all its counties have filed by then, else on a day from the 11th to the 14th
 * (after the due instant, the missing ones listed as 未报), once.
 *
 * Written once per year (none of the year's generated reports may exist yet), and never for a month
 * that has any report of the province already (the cycle opened it). Returns the reports written.
 */
export async function generateMonthlyReports(q: Exec, events: EventRow[], c: { Y: number; P: string; seed: number; now: Date }): Promise<number> {
  const { Y, P, now } = c;
  const today = chinaDateOf(now);
  const R = addCalendarDays(today, -1);
  const exec = (sql: string, params?: unknown[]) => q(sql, params);
  const allMonths = Array.from({ length: 12 }, (_, i) => `${Y}-${String(i + 1).padStart(2, '0')}`).filter((m) => openAtOf(m) <= now);
  if (!allMonths.length) return 0;
  const counties = await countiesOf(exec, P);
  if (!counties.length) return 0;
  const reportId = (county: string, month: string) => uuidOf(`monthly-report|${Y}|${county}|${month}`);
  const [done] = await q(`select 1 from monthly_report where id = any(?::uuid[]) limit 1`,
    [`{${allMonths.flatMap((m) => counties.map((k) => reportId(k.code, m))).join(',')}}`]);
  if (done) return 0;
  const taken = new Set((await q<{ m: string }>(
    `select distinct to_char(month, 'YYYY-MM') as m from monthly_report where region_path like ? and month >= ?::date and month <= ?::date`,
    [`${P}%`, `${allMonths[0]}-01`, `${allMonths.at(-1)}-01`])).map((r) => r.m));
  const months = allMonths.filter((m) => !taken.has(m));
  if (!months.length) return 0;
  const figures = await assembleFigures(exec, P, months[0]!, months.at(-1)!);
  const cityBureaus = new Set((await q<{ id: string }>(`select id from organization where kind = 'bureau' and id = any(?::text[])`,
    [`{${[...new Set(counties.map((k) => `bureau-${k.cityCode}`))].join(',')}}`])).map((r) => r.id));

  const rows: Row[] = [];
  const reportEvents: EventRow[] = [];
  const remarks = ['本月按计划开展日常稽核和现场检查', '本月重点核查串换药品、分解收费问题', '配合市局开展专项治理抽查复查', '本月无重大案件'];
  // 立案/结案/受理举报/举报奖励 are the ledger's (assembleFigures, issue 17), no longer typed; their draws stay so that
  // the other figures keep their values.
  const manualOf = (rng: Prng, partial: boolean): ManualFigures => {
    rng.int(4);
    const tipsDrawn = rng.int(9);
    if (partial) return { ...EMPTY_MANUAL };
    rng.int(4);
    const transferredToPolice = rng.next() < 0.06 ? 1 : 0;
    if (tipsDrawn > 0) rng.next();
    return {
      transferredToPolice,
      otherRecovered: rng.next() < 0.4 ? Math.round((500 + rng.next() * 30_000) * 100) / 100 : 0,
      publicExposures: rng.next() < 0.2 ? 1 + rng.int(2) : 0, remarks: `${remarks[rng.int(remarks.length)]}${DEMO_MARK}`,
    };
  };

  for (const month of months) {
    const filing = nextMonth(month);
    const day = (n: number) => `${filing}-${String(n).padStart(2, '0')}`;
    const openAt = openAtOf(month);
    const dueAt = dueAtOf(month);
    const dueReached = dueAt <= now;
    const byCity = new Map<string, { county: CountyRef; report: MonthlyReport; signedAt: Date | null; statusAt: (t: Date) => ReportStatus }[]>();
    for (const k of counties) {
      const rng = new Prng(c.seed ^ hash32(`monthly-report|${Y}|${k.code}|${month}`));
      const quiet = QUIET_COUNTIES.includes(k.code);
      const x = rng.next();
      const profile = quiet ? 'on_time' : x < 0.85 ? 'on_time' : x < 0.89 ? 'sign_late' : x < 0.97 ? 'late' : 'missing';
      const staff = actorAt('bureau', k.bureauId, k.path, 'county_staff', '月报填报人');
      const leader = actorAt('bureau', k.bureauId, k.path, 'leader', '分管局长');
      type Action = 'save' | 'submit' | 'return' | 'sign';
      const steps: [Action, Date][] = [];
      const work = (d: number, hour: number, ...actions: Action[]) =>
        actions.forEach((a, i) => steps.push([a, chinaInstant(day(d), Math.round((hour + i * 0.25) * 60) / 60)]));
      if (quiet && !dueReached) {
        // the demo counties' report being filed: as the opening leaves it
      } else if (profile === 'on_time') {
        const s = 2 + rng.int(7);
        const h = 9 + rng.next() * 6;
        if (!quiet && rng.next() < 0.06) {
          work(s, h, 'save', 'submit');
          work(s + 1, 9.5, 'return');
          work(s + 1, 14 + rng.next() * 2, 'save', 'submit');
          work(s + 2, 10, 'sign');
        } else {
          work(s, h, 'save', 'submit');
          const next = rng.next() < 0.5;
          work(next ? s + 1 : s, next ? 9 + rng.next() * 3 : h + 1.5, 'sign');
        }
      } else if (profile === 'sign_late') {
        const s = 6 + rng.int(5);
        work(s, 9 + rng.next() * 6, 'save', 'submit');
        work(11 + rng.int(5), 10, 'sign');
      } else if (profile === 'late') {
        const s = 11 + rng.int(15);
        work(s, 9 + rng.next() * 5, 'save', 'submit');
        const d = s + rng.int(3);
        work(d, d === s ? 16.5 : 10, 'sign');
      } else if (rng.next() < 0.5) {
        work(3 + rng.int(7), 10, 'save');
      }
      const manualRng = new Prng(c.seed ^ hash32(`monthly-report-manual|${Y}|${k.code}|${month}`));
      const manual = manualOf(manualRng, profile === 'missing');

      const id = reportId(k.code, month);
      const r = Object.assign(new MonthlyReport(), {
        id, regionPath: k.path, ownerOrgId: k.bureauId, level: 'county', regionCode: k.code, cityCode: k.cityCode, month, status: 'draft',
        auto: figures.get(`${k.code}|${month}`) ?? ({ ...EMPTY_AUTO, measures: {} } as AutoFigures), manual: { ...EMPTY_MANUAL }, autoAt: openAt, dueAt,
      }) as MonthlyReport;
      let updatedAt = openAt;
      const transitions: [Date, ReportStatus][] = [[openAt, 'draft']];
      const ev = (type: string, when: Date, payload: Row) => {
        reportEvents.push({
          region_path: k.path, owner_org_id: k.bureauId, aggregate_type: 'MonthlyReport', aggregate_id: id, event_type: type,
          payload: { month, level: 'county', regionCode: k.code, cityCode: k.cityCode, status: r.status, ...payload, at: iso(when), demo: `${Y}` },
          occurred_at: iso(when),
        });
        if (type !== MONTHLY_REPORT_EVENTS.opened) r.version += 1;
        updatedAt = when;
        transitions.push([when, r.status]);
      };
      ev(MONTHLY_REPORT_EVENTS.opened, openAt, { dueAt: iso(dueAt) });
      // the cycle's flag at the due instant, when the report was not filed by then
      const flag = () => {
        if (r.overdue || r.status === 'submitted' || !dueReached) return;
        r.overdue = true;
        r.overdueAt = dueAt;
        ev(MONTHLY_REPORT_EVENTS.overdue, dueAt, {});
      };
      for (const [action, when] of steps.sort((a, b) => a[1].getTime() - b[1].getTime())) {
        if (chinaDateOf(when) > R) break;
        if (when >= dueAt) flag();
        if (action === 'save') {
          r.manual = manual;
          r.autoAt = when;
          ev(MONTHLY_REPORT_EVENTS.saved, when, {});
        } else if (action === 'submit') {
          r.status = 'awaiting_signoff';
          r.submittedBy = staff.displayName;
          r.submittedAt = when;
          r.returnedComment = null;
          r.autoAt = when;
          ev(MONTHLY_REPORT_EVENTS.submitted, when, {});
        } else if (action === 'return') {
          r.status = 'draft';
          r.returnedComment = `请补充本月举报受理和立案情况后重新提交${DEMO_MARK}`;
          ev(MONTHLY_REPORT_EVENTS.returned, when, { by: 'leader' });
        } else {
          r.status = 'submitted';
          r.signedBy = leader.displayName;
          r.signedAt = when;
          r.late = r.overdue || when >= dueAt;
          ev(MONTHLY_REPORT_EVENTS.signed, when, { late: r.late });
        }
      }
      flag();
      rows.push({
        id, region_path: k.path, owner_org_id: k.bureauId, level: 'county', region_code: k.code, city_code: k.cityCode, month: `${month}-01`,
        status: r.status, auto: r.auto, manual: r.manual, auto_at: iso(r.autoAt!), due_at: iso(dueAt), submitted_by: r.submittedBy,
        submitted_at: r.submittedAt && iso(r.submittedAt), signed_by: r.signedBy, signed_at: r.signedAt && iso(r.signedAt), late: r.late,
        overdue: r.overdue, overdue_at: r.overdueAt && iso(r.overdueAt), returned_comment: r.returnedComment, compiled: null,
        created_at: iso(openAt), updated_at: iso(updatedAt), version: r.version,
      });
      const statusAt = (t: Date) => transitions.filter(([w]) => w <= t).at(-1)![1];
      byCity.set(k.cityCode, [...(byCity.get(k.cityCode) ?? []), { county: k, report: r, signedAt: r.signedAt, statusAt }]);
    }

    // the cities' compilations and bulletins (内部通报)
    for (const [cityCode, list] of byCity) {
      if (!cityBureaus.has(`bureau-${cityCode}`)) continue;
      const rng = new Prng(c.seed ^ hash32(`monthly-report-city|${Y}|${cityCode}|${month}`));
      const early = chinaInstant(day(10), 16);
      const allEarly = list.every((x) => x.signedAt !== null && x.signedAt < early);
      const compiledAt = allEarly ? early : chinaInstant(day(11 + rng.int(4)), 10);
      if (chinaDateOf(compiledAt) > R) continue;
      const afterDue = compiledAt >= dueAt;
      // each county's report as the city read it then
      const reports = new Map(list.map(({ county, report, statusAt }) => {
        const status = statusAt(compiledAt);
        const filed = status === 'submitted';
        return [county.code, Object.assign(new MonthlyReport(), {
          ...report, status, late: filed && report.late, signedAt: filed ? report.signedAt : null,
          overdue: report.overdue && report.overdueAt! <= compiledAt,
        }) as MonthlyReport];
      }));
      const cityPath = `${P}${cityCode}/`;
      // the city agency's fund-audit section compiles; the city bureau files it the next day (备案) and issues the bulletin
      const cityActor = actorAt('agency', `agency-${cityCode}`, cityPath, 'city_agency_staff', '市医保经办机构月报汇总人');
      const bureauActor = actorAt('bureau', `bureau-${cityCode}`, cityPath, 'city_agency_staff', '市医保局月报备案人');
      const { compiled, autoTotals, manualTotals } = compileCity({
        cityCode, cityName: list[0]!.county.cityName, month, counties: list.map((x) => x.county), reports, compiledBy: cityActor.displayName, afterDue, now: compiledAt,
      });
      const filedAt = chinaInstant(addCalendarDays(chinaDateOf(compiledAt), 1), 15);
      const filed = chinaDateOf(filedAt) <= R;
      if (filed) {
        compiled.bulletin = bulletinText(compiled, autoTotals, manualTotals, filedAt);
        compiled.filedAt = iso(filedAt);
        compiled.filedBy = bureauActor.displayName;
      }
      const id = uuidOf(`monthly-report-city|${Y}|${cityCode}|${month}`);
      rows.push({
        id, region_path: cityPath, owner_org_id: `bureau-${cityCode}`, level: 'city', region_code: cityCode, city_code: cityCode, month: `${month}-01`,
        status: filed ? 'filed' : 'compiled', auto: autoTotals, manual: manualTotals, auto_at: iso(compiledAt), due_at: iso(dueAt), submitted_by: null, submitted_at: null,
        signed_by: null, signed_at: null, late: false, overdue: false, overdue_at: null, returned_comment: null, compiled,
        filed_by: filed ? bureauActor.displayName : null, filed_at: filed ? iso(filedAt) : null,
        created_at: iso(compiledAt), updated_at: iso(filed ? filedAt : compiledAt), version: filed ? 2 : 1,
      });
      const cityEvent = (type: string, when: Date, status: string, extra: Row) => reportEvents.push({
        region_path: cityPath, owner_org_id: `bureau-${cityCode}`, aggregate_type: 'MonthlyReport', aggregate_id: id, event_type: type,
        payload: { month, level: 'city', regionCode: cityCode, cityCode, status, at: iso(when), ...extra, demo: `${Y}` },
        occurred_at: iso(when),
      });
      cityEvent(MONTHLY_REPORT_EVENTS.compiled, compiledAt, 'compiled', { onTime: compiled.onTime, late: compiled.late, missing: compiled.missing.length });
      if (filed) cityEvent(MONTHLY_REPORT_EVENTS.filed, filedAt, 'filed', {});
    }
  }

  const written = new Set<string>();
  const columns = {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', level: 'text', region_code: 'text', city_code: 'text', month: 'date', status: 'text',
    auto: 'jsonb', manual: 'jsonb', auto_at: 'timestamptz', due_at: 'timestamptz', submitted_by: 'text', submitted_at: 'timestamptz', signed_by: 'text',
    signed_at: 'timestamptz', late: 'boolean', overdue: 'boolean', overdue_at: 'timestamptz', returned_comment: 'text', compiled: 'jsonb',
    filed_by: 'text', filed_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz', version: 'int',
  };
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n as keyof typeof columns]}`).join(', ');
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = await q<{ id: string }>(
      `insert into monthly_report (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${defs})
       on conflict do nothing returning id::text`, [JSON.stringify(rows.slice(i, i + 1000))]);
    for (const { id } of ids) written.add(id);
  }
  // the events of the reports written (a report that existed already keeps its own history)
  for (const e of reportEvents) if (written.has(e.aggregate_id)) events.push(e);
  return rows.filter((r) => r.level === 'county' && written.has(r.id as string)).length;
}

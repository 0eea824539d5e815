import { Migration } from '@mikro-orm/migrations';
import { packageDaysOf, packageYears } from '../../calendar/package-calendar.js';

/**
 * The working-day calendar and the legal clocks become the bureau's data (issue 16).
 *
 * - calendar_year: one row per year whose State Council holiday notice (国务院办公厅关于某年部分节假日
 *   安排的通知) is entered, with its document number (国办发明电〔2025〕N号) and publication date, who
 *   entered it and when. calendar_day: that year's holidays and make-up working days (always on a
 *   weekend); the package's seed holds only the holidays on weekdays. Seeded from the `chinese-days` package (1.5.7,
 *   2004–2026) as source 'package', without document numbers (the package has none). National: the
 *   notice is the State Council's; no region scope, so no row-level security; every signed-in user
 *   reads it, the application lets only national and provincial administrators write it.
 * - legal_clock: the legal time limits and thresholds per province ('*' = every province without a
 *   row of its own), each with the clause it comes from. Seeded with the values the code used
 *   until now, which the construction documents do not set: their source says so.
 */
export class Migration0019WorkingDayCalendar extends Migration {
  override name = '0019-working-day-calendar';

  override async up(): Promise<void> {
    this.addSql(`
      create table calendar_year (
        year integer primary key check (year between 2000 and 2100),
        document_number text,
        published_on date,
        source text not null check (source in ('package', 'notice')),
        entered_by text not null,
        entered_at timestamptz not null default now()
      );
      create table calendar_day (
        day date primary key,
        year integer not null references calendar_year (year) on delete cascade,
        kind text not null check (kind in ('holiday', 'workday')),
        name text,
        check (extract(year from day)::integer = year),
        check (kind = 'holiday' or extract(isodow from day) >= 6)
      );
      create index calendar_day_year_idx on calendar_day (year);

      create table legal_clock (
        province_code text not null,
        key text not null check (key in ('finding_confirmation_working_days', 'dispute_level_working_days',
          'dispute_escalation_working_days', 'major_decision_amount')),
        value numeric(14, 2) not null check (value > 0),
        unit text not null check (unit in ('working_days', 'yuan')),
        source_zh text not null,
        source_en text not null,
        updated_at timestamptz not null default now(),
        primary key (province_code, key)
      );

      grant select, insert, update, delete on calendar_year, calendar_day to fundsup_app;
      grant select on legal_clock to fundsup_app;
    `);
    const years = packageYears();
    this.addSql(`insert into calendar_year (year, source, entered_by, entered_at) values ${years
      .map((y) => `(${y}, 'package', 'chinese-days 1.5.7', '2026-12-07T00:00:00Z')`).join(', ')};`);
    const days = years.flatMap(packageDaysOf);
    this.addSql(`insert into calendar_day (day, year, kind, name) values ${days
      .map((d) => `('${d.day}', ${d.day.slice(0, 4)}, '${d.kind}', ${d.name ? `'${d.name.replace(/'/g, "''")}'` : 'null'})`).join(', ')};`);
    const defaultZh = '系统默认值：建设方案（seed 000）未规定该数值，应以服务协议或本省规定为准';
    const defaultEn = "the suite''s default: the construction documents (seed 000) set no number; the service agreement or the province''s rules decide";
    this.addSql(`
      insert into legal_clock (province_code, key, value, unit, source_zh, source_en) values
        ('*', 'finding_confirmation_working_days', 5, 'working_days', '${defaultZh}（问题确认及逾期视为确认）', '${defaultEn} (confirming findings; silence is deemed confirmation)'),
        ('*', 'dispute_level_working_days', 20, 'working_days', '${defaultZh}（每级争议处理时限）', '${defaultEn} (each level decides a dispute)'),
        ('*', 'dispute_escalation_working_days', 15, 'working_days', '${defaultZh}（申请上一级处理的期限）', '${defaultEn} (escalating to the level above)'),
        ('*', 'major_decision_amount', 100000, 'yuan', '${defaultZh}（重大处理决定的法制审核金额线）', '${defaultEn} (amount above which a decision needs legal review)');
    `);
  }
}

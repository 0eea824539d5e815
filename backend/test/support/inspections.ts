import { randomUUID } from 'node:crypto';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import type { TestApp } from './app.js';
import { ownerQuery } from './database.js';
import type { TestUser } from './tokens.js';

// A province spot-check's inspection as the draw leaves it (rows written as the draw writes them),
// then recorded and sent over HTTP: the way the findings' specs get findings without drawing.

/** A province spot-check of Nanjing's hospitals and clinics, drawn (`drawn` institutions), with one checklist item: its id. */
export async function insertDrawnSpotCheck(t: TestApp, title: string, checklistItem: string, drawn: number): Promise<string> {
  const id = randomUUID();
  const today = chinaDateOf(new Date());
  await ownerQuery(
    t.db,
    `insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items, due_date,
                             witnesses, status, commitment, result_hash, drawn, created_at, created_by)
     values ($1, '/32/', 'bureau-32', $2, $3, '{3201}', '{hospital,clinic}', '{}', $4, $5, '[]', 'drawn', $6, $7, $8, now(), 'test')`,
    [id, Number(today.slice(0, 4)), title, JSON.stringify([checklistItem]), addCalendarDays(today, 30), 'a'.repeat(64), 'b'.repeat(64), drawn],
  );
  return id;
}

/**
 * The spot-check's next drawn inspection of the institution (assigned), recorded by `inspector` today
 * with these findings (the checklist item deficient) and sent: its id and the instant it was sent.
 */
export async function inspectAndSend(
  t: TestApp,
  inspector: TestUser,
  spotCheck: { id: string; title: string; checklistItem: string },
  institutionId: string,
  findings: { type: string; description: string; amount: number; clinicianName?: string }[],
): Promise<{ id: string; sentAt: string }> {
  const id = randomUUID();
  const today = chinaDateOf(new Date());
  await ownerQuery(
    t.db,
    `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                             draw_order, team, status, due_date, created_at)
     select $1, o.region_path, o.id, $2, $3, $4, o.id, substr(o.region_code, 1, 4), o.institution_type, coalesce(o.institution_level, 'none'),
            (select count(*) from inspection where spot_check_id = $2), '[]', 'assigned', $5, now()
       from organization o where o.id = $6`,
    [id, spotCheck.id, spotCheck.title, JSON.stringify([spotCheck.checklistItem]), addCalendarDays(today, 30), institutionId],
  );
  const put = await t.call(inspector, 'PUT', `/api/inspections/${id}`, {
    inspectedOn: today,
    checklist: [{ item: spotCheck.checklistItem, result: 'deficient' }],
    attachmentIds: [],
    findings: findings.map((f) => ({ ...f, attachmentIds: [] })),
  });
  expect(put.status).toBe(200);
  const sent = await t.call(inspector, 'POST', `/api/inspections/${id}/send`);
  expect(sent.status).toBe(200);
  return { id, sentAt: sent.body.sentAt };
}

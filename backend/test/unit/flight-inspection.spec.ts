import type { Actor } from '../../src/kernel/actor.js';
import type { DomainError } from '../../src/kernel/errors.js';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { commitRecord, completeRecord, secretCommitment, verifyDrawRecord, type DrawRecord } from '../../src/contexts/spot-checks/domain/draw/index.js';
import {
  FlightInspection, flightDrawParameters, isNationalOverseer, validFlightInput, validWitnessSecrets, type FlightInspectionInput,
} from '../../src/contexts/spot-checks/domain/flight-inspection.js';
import { Inspection } from '../../src/contexts/spot-checks/domain/inspection.js';

const nation: Actor = { userId: 'u-nhsa', username: 'nhsa.overseer', displayName: '国家局', roles: ['national_overseer'], regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau' };
const province: Actor = { userId: 'u-js', username: 'js.official', displayName: '江苏省局', roles: ['province_official'], regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' };
const now = new Date('2026-12-07T02:00:00Z');
const today = chinaDateOf(now);
const INPUT: FlightInspectionInput = { title: '飞行检查', provinceCode: '32', institutionIds: ['inst-a', 'inst-b'], startDate: today, endDate: addCalendarDays(today, 3), teamSize: 2 };
const INSTITUTIONS = new Map([['inst-a', '/32/3201/320102/'], ['inst-b', '/32/3205/320508/']]);

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { return (e as DomainError).code; }
  return 'none';
}

/** A draw over the two Jiangsu institutions with inspectors of Jiangsu (j*), Zhejiang (z*) and Anhui (a*). */
function draw(): DrawRecord {
  const inspectors = [
    ...['j1', 'j2', 'j3'].map((id) => ({ id, cityCode: '32', organizationId: 'agency-3201', linkedInstitutionIds: [], inspectedLastYear: [] })),
    { id: 'z1', cityCode: '33', organizationId: 'agency-3301', linkedInstitutionIds: ['inst-a'], inspectedLastYear: [] },
    ...['z2', 'z3', 'a1', 'a2'].map((id) => ({ id, cityCode: id.startsWith('z') ? '33' : '34', organizationId: 'x', linkedInstitutionIds: [], inspectedLastYear: [] })),
  ];
  const providers = ['inst-a', 'inst-b'].map((id) => ({ id, cityCode: '32', countyCode: '320102', kind: 'hospital' as const, level: 'secondary' as const, keySupervision: false, priorViolations: 0 }));
  const secrets = ['witness-secret-1'];
  const committed = commitRecord({
    spotCheckId: 'f1', parameters: flightDrawParameters(2), directories: { providers, inspectors },
    witnessCommitments: secrets.map(secretCommitment), beaconRequired: false, committedAt: now.toISOString(),
  });
  return completeRecord(committed, secrets, null);
}

function organize(record = draw()) {
  const team = [...new Set(record.result!.selections.flatMap((s) => s.team))].map((x) => ({ inspectorId: x, name: x, organizationName: '', provinceCode: x.startsWith('z') ? '33' : '34' }));
  return FlightInspection.organize({ id: 'f1', actor: nation, input: validFlightInput(INPUT, now), institutions: INSTITUTIONS, record, recordText: JSON.stringify(record), team, now });
}

describe('a flight inspection (飞行检查)', () => {
  it('is organized by the national bureau only', () => {
    expect(isNationalOverseer(nation)).toBe(true);
    expect(isNationalOverseer(province)).toBe(false);
    expect(code(() => FlightInspection.assertOrganizer(province))).toBe('flight_inspection_forbidden');
    const record = draw();
    expect(code(() => FlightInspection.organize({ id: 'f1', actor: province, input: validFlightInput(INPUT, now), institutions: INSTITUTIONS, record, recordText: '', team: [], now })))
      .toBe('flight_inspection_forbidden');
  });

  it('checks its input: title, province, institutions, dates, team size, the witnesses\' secrets', () => {
    expect(code(() => validFlightInput({ ...INPUT, title: ' ' }, now))).toBe('flight_inspection_title_required');
    expect(code(() => validFlightInput({ ...INPUT, provinceCode: '320' }, now))).toBe('flight_inspection_province_invalid');
    expect(code(() => validFlightInput({ ...INPUT, institutionIds: [] }, now))).toBe('flight_inspection_institutions_invalid');
    expect(code(() => validFlightInput({ ...INPUT, institutionIds: ['inst-a', 'inst-a'] }, now))).toBe('flight_inspection_institutions_invalid');
    expect(code(() => validFlightInput({ ...INPUT, institutionIds: Array.from({ length: 51 }, (_, i) => `i${i}`) }, now))).toBe('flight_inspection_institutions_invalid');
    expect(code(() => validFlightInput({ ...INPUT, startDate: addCalendarDays(today, -1) }, now))).toBe('flight_inspection_dates_invalid');
    expect(code(() => validFlightInput({ ...INPUT, startDate: '2026-02-30' }, now))).toBe('flight_inspection_dates_invalid');
    expect(code(() => validFlightInput({ ...INPUT, endDate: addCalendarDays(today, -1) }, now))).toBe('flight_inspection_dates_invalid');
    expect(code(() => validFlightInput({ ...INPUT, endDate: addCalendarDays(today, 30) }, now))).toBe('flight_inspection_dates_invalid');
    expect(validFlightInput({ ...INPUT, endDate: addCalendarDays(today, 29) }, now).endDate).toBe(addCalendarDays(today, 29));
    expect(code(() => validFlightInput({ ...INPUT, teamSize: 6 }, now))).toBe('spot_check_team_size_invalid');
    expect(validFlightInput({ ...INPUT, teamSize: undefined }, now).teamSize).toBe(2);
    expect(code(() => validWitnessSecrets([]))).toBe('flight_inspection_secrets_invalid');
    expect(code(() => validWitnessSecrets(['short']))).toBe('flight_inspection_secrets_invalid');
    expect(code(() => validWitnessSecrets(['same-secret', 'same-secret']))).toBe('flight_inspection_secrets_invalid');
    expect(validWitnessSecrets(['a-long-secret'])).toEqual(['a-long-secret']);
    expect(code(() => FlightInspection.assertInProvince(validFlightInput({ ...INPUT, institutionIds: ['inst-a', 'inst-z'] }, now), INSTITUTIONS)))
      .toBe('flight_inspection_institution_outside');
    expect(code(() => FlightInspection.assertInProvince(validFlightInput({ ...INPUT, provinceCode: '33' }, now), INSTITUTIONS))).toBe('flight_inspection_institution_outside');
  });

  it('draws every institution, with teams from other provinces only; the linked inspector is set aside; the record replays', () => {
    const record = draw();
    expect(record.result!.selections.map((s) => s.providerId).sort()).toEqual(['inst-a', 'inst-b']);
    const teams = record.result!.selections.flatMap((s) => s.team);
    expect(teams.some((x) => x.startsWith('j'))).toBe(false);
    expect(record.result!.selections.find((s) => s.providerId === 'inst-a')!.team).not.toContain('z1');
    expect(record.result!.exclusions).toContainEqual({ reason: 'same_city', cityCode: '32', inspectorIds: ['j1', 'j2', 'j3'] });
    expect(record.result!.exclusions).toContainEqual({ reason: 'linked', providerId: 'inst-a', inspectorId: 'z1' });
    expect(verifyDrawRecord(record).ok).toBe(true);
    const f = organize(record);
    expect([f.status, f.regionPath, f.provincePath, f.resultHash]).toEqual(['drawn', '/', '/32/', record.resultHash]);
  });

  it('starts on its start date, once, by the national bureau', () => {
    const f = organize();
    expect(code(() => f.start(province, now))).toBe('flight_inspection_forbidden');
    const early = organize();
    early.startDate = addCalendarDays(today, 1);
    expect(code(() => early.start(nation, now))).toBe('flight_inspection_not_yet');
    f.start(nation, now);
    expect([f.status, f.startedAt]).toEqual(['started', now]);
    expect(code(() => f.start(nation, now))).toBe('flight_inspection_started');
  });

  it('hands over only once every inspection is recorded: a lead per result with findings', async () => {
    const f = organize();
    const leadFor = async (id: string) => `lead-${id}`;
    await expect(f.handOver(nation, [], leadFor, now)).rejects.toMatchObject({ code: 'flight_inspection_not_started' });
    f.start(nation, now);
    const rows = [{ id: 'i1', institutionId: 'inst-a', status: 'recorded', findings: 2 }, { id: 'i2', institutionId: 'inst-b', status: 'assigned', findings: 0 }];
    await expect(f.handOver(nation, rows, leadFor, now)).rejects.toMatchObject({ code: 'flight_inspection_unrecorded' });
    await expect(f.handOver(province, rows, leadFor, now)).rejects.toMatchObject({ code: 'flight_inspection_forbidden' });
    rows[1]!.status = 'recorded';
    await f.handOver(nation, rows, leadFor, now);
    expect(f.status).toBe('handed_over');
    expect(f.results).toEqual([{ inspectionId: 'i1', institutionId: 'inst-a', leadId: 'lead-i1' }, { inspectionId: 'i2', institutionId: 'inst-b', leadId: null }]);
    await expect(f.handOver(nation, rows, leadFor, now)).rejects.toMatchObject({ code: 'flight_inspection_not_started' });
  });

  it("its inspections are recorded by the national bureau and never sent to the institution", () => {
    const i = Inspection.forFlight({
      id: 'i1', flightInspectionId: 'f1', spotCheckTitle: '飞行检查', checklistItems: ['a'], institution: { id: 'inst-a', regionPath: '/32/3201/320102/' },
      cityCode: '3201', kind: 'hospital', level: 'secondary', drawOrder: 0, team: [], dueDate: today, createdAt: now,
    });
    expect([i.origin, i.regionPath, i.ownerOrgId, i.spotCheckId]).toEqual(['flight', '/32/3201/320102/', 'inst-a', null]);
    expect(i.mayRun(nation)).toBe(true);
    expect(i.mayRun(province)).toBe(false);
    const record = { inspectedOn: today, checklist: [{ item: 'a', result: 'deficient' }], findings: [{ type: 't', description: 'd', amount: 10 }], attachmentIds: [] };
    expect(code(() => i.record(province, record, new Set(), now))).toBe('flight_inspection_forbidden');
    i.record(nation, record, new Set(), now);
    expect(i.status).toBe('recorded');
    expect(code(() => i.send(nation, now))).toBe('flight_inspection_not_sent');
    expect(i.status).toBe('recorded');
  });
});

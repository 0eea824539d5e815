import { fakeCityBureauUser, fakeCityReviewer, fakeMe, fakeProvinceUser } from '../testing/fakes';
import { canOpenCycle, canReviewPlan, planPagesFor, planReviewActions } from './plan-access';
import { type PlanState, isPlanOverdue, planCountdownOf } from './plan-status';

const plan = (overrides: Partial<PlanState> = {}): PlanState => ({
  status: 'draft',
  overdue: false,
  year: 2027,
  deadline: '2027-05-15',
  ...overrides,
});

describe('plan status rules', () => {
  it.each<[string, Partial<PlanState>, string, boolean]>([
    ['a draft before the deadline', {}, '2027-05-15', false],
    ['a draft the day after', {}, '2027-05-16', true],
    ['not started, after the deadline', { status: 'not_started' }, '2027-06-01', true],
    ['flagged by the backend, then submitted late', { status: 'submitted', overdue: true }, '2027-06-01', true],
    ['submitted in time', { status: 'submitted' }, '2027-06-01', false],
    ['filed', { status: 'filed' }, '2027-06-01', false],
    ['a summary (deadline from the year)', { deadline: undefined }, '2027-05-16', true],
  ])('%s → overdue %s', (_, overrides, today, expected) => {
    expect(isPlanOverdue(plan(overrides), today)).toBe(expected);
  });

  it.each<[string, string | null, number | null, string | null]>([
    ['2027-04-01', 'plans.countdown.daysLeft', 44, 'normal'],
    ['2027-05-10', 'plans.countdown.daysLeft', 5, 'soon'],
    ['2027-05-14', 'plans.countdown.tomorrow', 1, 'soon'],
    ['2027-05-15', 'plans.countdown.today', 0, 'soon'],
    ['2027-05-18', 'plans.countdown.overdue', 3, 'late'],
  ])('countdown on %s → %s (%s)', (today, key, days, urgency) => {
    expect(planCountdownOf(plan(), today)).toEqual({ key, days, urgency });
  });

  it('has no countdown once submitted', () => {
    expect(planCountdownOf(plan({ status: 'submitted' }), '2027-05-10')).toBeNull();
    expect(planCountdownOf(plan({ status: 'returned' }), '2027-05-10')?.days).toBe(5);
  });
});

describe('plan access rules', () => {
  it.each<[Parameters<typeof planPagesFor>[0], Parameters<typeof planPagesFor>[1], string[]]>([
    [['county_staff'], 'local', ['mine']],
    [['city_agency_staff'], 'local', ['mine', 'review', 'board', 'list']],
    [['province_official'], 'province', ['board', 'review', 'list']],
    [['national_overseer'], 'province', ['board', 'list']],
    [['leader'], 'leader', ['board']],
    [['institution_clerk'], 'local', []],
    [['institution_clerk'], 'province', []],
    [['county_staff'], 'province', []],
  ])('%j in %s → %j', (roles, section, pages) => {
    expect(planPagesFor(roles, section)).toEqual(pages);
  });

  it('gives a bureau no 本单位方案 when it has other plan pages (bureaus draft no plan)', () => {
    expect(planPagesFor(['city_agency_staff'], 'local', 'bureau')).toEqual(['review', 'board', 'list']);
    expect(planPagesFor(['city_agency_staff'], 'local', 'agency')).toEqual(['mine', 'review', 'board', 'list']);
    // A county bureau user has nothing else: the page stays (it explains there is no plan).
    expect(planPagesFor(['county_staff'], 'local', 'bureau')).toEqual(['mine']);
  });

  it('a county plan: the city agency forwards or returns it, then the city bureau files or returns it; a city plan: the province', () => {
    const county = { status: 'submitted' as const, unit: { ...{ id: 'a', name: 'n', regionCode: '320102', regionName: 'x' }, level: 'county' as const } };
    const forwarded = { ...county, status: 'forwarded' as const };
    const city = { ...county, unit: { ...county.unit, level: 'city' as const } };
    const agency = fakeCityReviewer();
    const bureau = fakeCityBureauUser();
    const province = fakeProvinceUser();
    expect(planReviewActions(agency, county)).toEqual(['forward', 'return']);
    expect(planReviewActions(bureau, county)).toEqual([]);
    expect(planReviewActions(bureau, forwarded)).toEqual(['file', 'return']);
    expect(planReviewActions(agency, forwarded)).toEqual([]);
    expect(canReviewPlan(province, county)).toBe(false);
    expect(planReviewActions(province, city)).toEqual(['file', 'return']);
    expect(canReviewPlan(agency, city)).toBe(false);
    expect(canReviewPlan(bureau, city)).toBe(false);
    expect(canReviewPlan(fakeProvinceUser(['national_overseer']), city)).toBe(false);
    expect(canReviewPlan(fakeMe(['leader']), city)).toBe(false);
    expect(canReviewPlan(agency, { ...county, status: 'filed' })).toBe(false);
    expect(canReviewPlan(null, county)).toBe(false);
    expect(canOpenCycle(['province_official'])).toBe(true);
    expect(canOpenCycle(['national_overseer'])).toBe(false);
  });
});

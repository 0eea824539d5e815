import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { fakeWorklist } from '../testing/agency-inspection-fakes';
import { fakeDrafter } from '../testing/fakes';
import { openPageByElements } from '../testing/page-harness';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import { WorklistPage, defaultPlannedOn, worklistMonthOf } from './worklist-page';
import { pick, shownValue } from '../testing/controls';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Worklist month and planned date', () => {
  it('takes the month of the URL, else this month in China', () => {
    expect(worklistMonthOf('2027-11', SPOT_CHECK_NOW)).toBe('2027-11');
    expect(worklistMonthOf('2027-13', SPOT_CHECK_NOW)).toBe('2027-09');
    expect(worklistMonthOf(undefined, SPOT_CHECK_NOW)).toBe('2027-09');
    // 2027-09-30 20:00 UTC is already 1 October in China.
    expect(worklistMonthOf(undefined, new Date('2027-09-30T20:00:00Z'))).toBe('2027-10');
  });

  it('offers today for this month, the 1st for a later one', () => {
    expect(defaultPlannedOn('2027-09', SPOT_CHECK_NOW)).toBe('2027-09-15');
    expect(defaultPlannedOn('2027-11', SPOT_CHECK_NOW)).toBe('2027-11-01');
    expect(defaultPlannedOn('2027-08', SPOT_CHECK_NOW)).toBe('2027-09-15');
  });
});

describe('Worklist page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function open(url = '/local/inspections/worklist') {
    const { http, el, q, all, click, type, stable, tick } = await openPageByElements({
      url,
      routes: [
        { path: 'local/inspections/worklist', component: WorklistPage, data: { section: 'local' } },
        { path: 'local/inspections/inspection/:id', component: WorklistPage, data: { section: 'local' } },
      ],
      me: fakeDrafter(),
      now: SPOT_CHECK_NOW,
      settles: 4,
      tickAfterStable: true,
    });
    const row = (id: string) => el().querySelector<HTMLElement>(`[data-testid="worklist-row"][data-id="${id}"]`)!;
    const checked = (id: string) => q('worklist-select', row(id))!.classList.contains('ant-checkbox-wrapper-checked');
    return { http, el, q, all, row, checked, click, type, stable, tick };
  }

  it('lists the institutions with their reasons and quotas, the suggested ones pre-selected', async () => {
    const { http, q, all, row, checked, stable } = await open();
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();

    expect(all('worklist-row').map((r) => r.dataset['id'])).toEqual(['inst-320102-0003', 'inst-320102-0001', 'inst-320102-0002', 'inst-320102-0004']);
    const pharmacy = row('inst-320102-0003');
    expect(all('worklist-reason', pharmacy).map((t) => t.textContent!.trim())).toEqual(['本年度未现场检查', '重点监管单位不足两次', '本月10%抽检']);
    expect(pharmacy.textContent).toContain('重点监管');
    expect(pharmacy.textContent).toContain('信用 C');
    expect(q('worklist-risk', pharmacy)!.textContent).toContain('5');
    expect(q('worklist-risk', pharmacy)!.textContent).toContain('既往违规 2 次');
    expect(q('worklist-last', row('inst-320102-0002'))!.textContent).toContain('2027-05-12');

    // Suggested: selected; not suggested: not; with an inspection under way: linked, not selected (but selectable).
    expect(checked('inst-320102-0003')).toBe(true);
    expect(checked('inst-320102-0001')).toBe(true);
    expect(checked('inst-320102-0002')).toBe(false);
    expect(checked('inst-320102-0004')).toBe(false);
    expect(q('worklist-select', row('inst-320102-0004'))!.classList).not.toContain('ant-checkbox-wrapper-disabled');
    const open_ = q('worklist-open', row('inst-320102-0004'))!;
    expect(open_.getAttribute('href')).toBe('/local/inspections/inspection/ai-open');
    expect(open_.textContent).toContain('计划 2027-09-20');

    // Quotas: pharmacies need 1 this month and have 1 scheduled; the clinic quota is short.
    const quotas = all('worklist-quota');
    expect(quotas.map((c) => c.dataset['kind'])).toEqual(['hospital', 'pharmacy', 'clinic']);
    expect(q('worklist-quota-month', quotas[1])!.textContent).toContain('本月应检 ≥1 家，已检 0，已安排 1');
    expect(quotas[1]!.classList).not.toContain('alert');
    expect(quotas[2]!.classList).toContain('alert');
    expect(q('worklist-quota-year', quotas[0])!.textContent).toContain('本年未现场检查 1 家');
    expect(q('worklist-schedule')!.textContent).toContain('一键排期（2 家）');
    expect(shownValue(q('worklist-planned-on')!)).toBe('2027-09-15');
    // 新建检查: one hand-picked inspection.
    expect(q('worklist-new')!.getAttribute('href')).toBe('/local/inspections/new');
  });

  it('schedules the selection in one action with the chosen date, type, method and notice, then links the created inspections', async () => {
    const { http, q, all, row, click, type, stable, tick } = await open();
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();

    // Drop the pharmacy, add the clinic.
    await click(q('worklist-select', row('inst-320102-0003'))!);
    await click(q('worklist-select', row('inst-320102-0002'))!);
    await type(q<HTMLInputElement>('worklist-planned-on')!, '2027-09-20');
    await click(q('worklist-method-data_review')!);
    await click(q('worklist-announced')!.querySelector('button') ?? q('worklist-announced')!);
    // Type: 专项检查 from the select.
    q('worklist-type')!.querySelector<HTMLElement>('.ant-select-selector')!.click();
    await stable();
    document.querySelector<HTMLElement>('.cdk-overlay-container nz-option-item[title="专项检查"]')!.click();
    await stable();

    await click(q('worklist-schedule')!);
    const post = http.expectOne('/api/inspections/worklist/schedule');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      institutionIds: ['inst-320102-0001', 'inst-320102-0002'],
      plannedOn: '2027-09-20',
      inspectionType: 'targeted',
      method: 'data_review',
      announced: false,
    });
    post.flush({ ids: ['ai-1', 'ai-2'] });
    await tick();
    // The worklist is read again: both are now scheduled.
    const reloaded = fakeWorklist();
    reloaded.items = reloaded.items.map((i) =>
      i.institutionId === 'inst-320102-0001' || i.institutionId === 'inst-320102-0002'
        ? { ...i, suggested: false, scheduled: true, open: { id: i.institutionId === 'inst-320102-0001' ? 'ai-1' : 'ai-2', plannedOn: '2027-09-20', status: 'assigned', overdue: false } }
        : i,
    );
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(reloaded);
    await stable();

    const links = all('worklist-created-link');
    expect(links.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).toEqual([
      ['南京玄武康宁医院', '/local/inspections/inspection/ai-1'],
      ['玄武区梅园社区卫生服务中心', '/local/inspections/inspection/ai-2'],
    ]);
    expect(q('worklist-open', row('inst-320102-0001'))!.getAttribute('href')).toBe('/local/inspections/inspection/ai-1');
    expect(q('worklist-error')).toBeNull();
  });

  it('shows the backend’s refusal next to the button and keeps the selection', async () => {
    const { http, q, checked, click, stable } = await open();
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();
    await click(q('worklist-schedule')!);
    http.expectOne('/api/inspections/worklist/schedule').flush(
      {
        error: {
          code: 'inspection_team_unavailable',
          message: { zh: '本机构可派往 玄武仁和大药房 的稽核人员不足 2 名（回避后），请手工组队', en: 'fewer than 2 inspectors' },
          details: { institutionId: 'inst-320102-0003' },
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(q('worklist-error')!.textContent).toContain('稽核人员不足 2 名');
    expect(q('worklist-created')).toBeNull();
    expect(checked('inst-320102-0003')).toBe(true);
  });

  it('asks for a selection and a date before posting', async () => {
    const { http, q, row, click, type, stable } = await open();
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();
    await click(q('worklist-select', row('inst-320102-0003'))!);
    await click(q('worklist-select', row('inst-320102-0001'))!);
    await type(q<HTMLInputElement>('worklist-planned-on')!, '');
    await click(q('worklist-schedule')!);
    http.expectNone('/api/inspections/worklist/schedule');
    expect(q('worklist-form-error')!.textContent).toContain('请至少勾选一家机构');
    expect(q('worklist-form-error')!.textContent).toContain('请填写计划检查日期');

    // Select all takes every institution without an inspection under way; one under way may be added by hand.
    await click(q('worklist-select-all')!);
    await type(q<HTMLInputElement>('worklist-planned-on')!, '2027-09-16');
    await click(q('worklist-schedule')!);
    let post = http.expectOne('/api/inspections/worklist/schedule');
    expect(post.request.body.institutionIds).toEqual(['inst-320102-0003', 'inst-320102-0001', 'inst-320102-0002']);
    post.flush({ error: { code: 'x', message: { zh: '失败', en: 'failed' } } }, { status: 400, statusText: 'Bad Request' });
    await stable();
    await click(q('worklist-select', row('inst-320102-0004'))!);
    await click(q('worklist-schedule')!);
    post = http.expectOne('/api/inspections/worklist/schedule');
    expect(post.request.body.institutionIds).toEqual(['inst-320102-0003', 'inst-320102-0001', 'inst-320102-0002', 'inst-320102-0004']);
    post.flush({ error: { code: 'x', message: { zh: '失败', en: 'failed' } } }, { status: 400, statusText: 'Bad Request' });
    await stable();
  });

  it('reads another month from the month picker', async () => {
    const { http, q, stable, tick } = await open();
    http.expectOne('/api/inspections/worklist?month=2027-09').flush(fakeWorklist());
    await stable();
    expect(shownValue(q('worklist-month')!)).toBe('2027-09');
    pick(q('worklist-month')!, '2027-11');
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/inspections/worklist?month=2027-11');
    http.expectOne('/api/inspections/worklist?month=2027-11').flush(fakeWorklist({ month: '2027-11', items: [] }));
    await stable();
    expect(q('worklist-empty')).not.toBeNull();
    expect(shownValue(q('worklist-planned-on')!)).toBe('2027-11-01');
  });
});

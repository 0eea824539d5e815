import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { fakeAgencyInspection, fakeAgreement, fakeTeamCandidates } from '../testing/agency-inspection-fakes';
import { fakeDrafter } from '../testing/fakes';
import { openPageByElements } from '../testing/page-harness';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import { NewInspectionPage, focusItemsOf } from './new-inspection';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('focusItemsOf', () => {
  it('takes one item per non-blank line', () => {
    expect(focusItemsOf(' 分解收费 \n\n串换药品\r\n  ')).toEqual(['分解收费', '串换药品']);
    expect(focusItemsOf('')).toEqual([]);
  });
});

describe('New inspection page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const agreements = () => ({
    items: [
      fakeAgreement(),
      fakeAgreement({
        id: 'ag-3',
        number: 'NJ320102-2027-0003',
        institution: { ...fakeAgreement().institution, id: 'inst-320102-0003', name: '玄武仁和大药房', kind: 'pharmacy', level: null },
      }),
    ],
    total: 2,
  });

  async function open() {
    const page = await openPageByElements({
      url: '/local/inspections/new',
      routes: [
        { path: 'local/inspections/new', component: NewInspectionPage, data: { section: 'local' } },
        { path: 'local/inspections/inspection/:id', children: [] },
        { path: 'local/inspections/worklist', children: [] },
      ],
      me: fakeDrafter(),
      now: SPOT_CHECK_NOW,
      settles: 4,
      tickAfterStable: true,
    });
    const { http, el, q, all, click, type, stable, tick } = page;
    const candidate = (id: string) => el().querySelector<HTMLElement>(`[data-testid="new-inspection-candidate"][data-id="${id}"]`)!;
    const check = (id: string) => q('new-inspection-candidate-check', candidate(id))!;
    const agreementsRequest = (): TestRequest => http.expectOne((req) => req.url === '/api/agreements');
    /** Lists the agreements, picks an institution and answers its candidates. */
    const pick = async (institutionId = 'inst-320102-0001') => {
      agreementsRequest().flush(agreements());
      await stable();
      // The candidates' request keeps the app unstable until answered.
      el().querySelector<HTMLElement>(`[data-testid="new-inspection-institution"][data-id="${institutionId}"]`)!.click();
      await tick();
      http.expectOne(`/api/inspections/team-candidates?institutionId=${institutionId}&year=2027`).flush(fakeTeamCandidates());
      await stable();
    };
    return { http, el, q, all, candidate, check, click, type, stable, tick, agreementsRequest, pick };
  }

  it('posts the filled form and opens the created inspection’s record page', async () => {
    const { http, q, all, check, click, type, stable, tick, agreementsRequest } = await open();
    // Search the agreements.
    agreementsRequest().flush(agreements());
    await stable();
    await type(q<HTMLInputElement>('new-inspection-search')!, ' 仁和 ');
    q('new-inspection-search-button')!.click();
    await tick();
    const search = agreementsRequest();
    expect(search.request.params.get('q')).toBe('仁和');
    expect(search.request.params.get('pageSize')).toBe('20');
    search.flush({ items: [agreements().items[1]], total: 1 });
    await stable();
    expect(all('new-inspection-institution').map((r) => r.dataset['id'])).toEqual(['inst-320102-0003']);
    q('new-inspection-institution')!.click();
    await tick();
    expect(q('new-inspection-selected')!.textContent).toContain('玄武仁和大药房');
    http.expectOne('/api/inspections/team-candidates?institutionId=inst-320102-0003&year=2027').flush(fakeTeamCandidates());
    await stable();

    await type(q<HTMLInputElement>('new-inspection-planned-on')!, '2027-10-08');
    await click(q('new-inspection-method-data_review')!);
    await click(q('new-inspection-announced')!.querySelector('button') ?? q('new-inspection-announced')!);
    q('new-inspection-type')!.querySelector<HTMLElement>('.ant-select-selector')!.click();
    await stable();
    document.querySelector<HTMLElement>('.cdk-overlay-container nz-option-item[title="线索核查"]')!.click();
    await stable();
    await click(check('xw-i-5'));
    await click(check('xw-i-1'));
    expect(q('new-inspection-team-count')!.textContent).toContain('已选 2 人');
    await type(q<HTMLTextAreaElement>('new-inspection-focus')!, '串换药品\n\n 虚记进销存 ');
    await type(q<HTMLTextAreaElement>('new-inspection-basis')!, '  举报线索 2027-031 ');

    await click(q('new-inspection-submit')!);
    const post = http.expectOne('/api/inspections');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      institutionId: 'inst-320102-0003',
      plannedOn: '2027-10-08',
      teamInspectorIds: ['xw-i-1', 'xw-i-5'],
      inspectionType: 'lead',
      method: 'data_review',
      announced: false,
      focusItems: ['串换药品', '虚记进销存'],
      basis: '举报线索 2027-031',
    });
    post.flush(fakeAgencyInspection({ id: 'ai-new' }), { status: 201, statusText: 'Created' });
    await tick();
    await stable();
    expect(TestBed.inject(Router).url).toBe('/local/inspections/inspection/ai-new');
  });

  it('leaves out the optional focus items and basis, with today and the defaults', async () => {
    const { http, q, check, click, pick } = await open();
    await pick();
    await click(check('xw-i-1'));
    await click(check('xw-i-4'));
    await click(q('new-inspection-submit')!);
    const post = http.expectOne('/api/inspections');
    expect(post.request.body).toEqual({
      institutionId: 'inst-320102-0001',
      plannedOn: '2027-09-15',
      teamInspectorIds: ['xw-i-1', 'xw-i-4'],
      inspectionType: 'routine',
      method: 'on_site',
      announced: true,
    });
    post.flush(fakeAgencyInspection({ id: 'ai-2' }));
  });

  it('shows the recused candidates with their reason and does not let them be picked', async () => {
    const { q, all, candidate, check, click, pick } = await open();
    await pick();
    expect(all('new-inspection-candidate').map((c) => c.dataset['id'])).toEqual(['xw-i-1', 'xw-i-2', 'xw-i-3', 'xw-i-4', 'xw-i-5']);
    expect(q('new-inspection-candidate-reason', candidate('xw-i-2'))!.textContent).toContain('与该机构存在利害关系');
    expect(q('new-inspection-candidate-reason', candidate('xw-i-3'))!.textContent).toContain('上一年度检查过该机构');
    expect(q('new-inspection-candidate-reason', candidate('xw-i-1'))).toBeNull();
    expect(check('xw-i-2').classList).toContain('ant-checkbox-wrapper-disabled');
    expect(check('xw-i-3').classList).toContain('ant-checkbox-wrapper-disabled');
    expect(check('xw-i-1').classList).not.toContain('ant-checkbox-wrapper-disabled');

    await click(check('xw-i-2'));
    await click(check('xw-i-3'));
    expect(check('xw-i-2').classList).not.toContain('ant-checkbox-wrapper-checked');
    expect(check('xw-i-3').classList).not.toContain('ant-checkbox-wrapper-checked');
    expect(q('new-inspection-team-count')!.textContent).toContain('已选 0 人');
  });

  it('asks for an institution, and for a team of at least two, before posting', async () => {
    const { http, q, check, click, stable, tick, agreementsRequest } = await open();
    agreementsRequest().flush(agreements());
    await stable();
    await click(q('new-inspection-submit')!);
    http.expectNone('/api/inspections');
    expect(q('new-inspection-form-error')!.textContent).toContain('请选择被检查机构');

    q('new-inspection-institution')!.click();
    await tick();
    http.expectOne('/api/inspections/team-candidates?institutionId=inst-320102-0001&year=2027').flush(fakeTeamCandidates());
    await stable();
    await click(check('xw-i-1'));
    await click(q('new-inspection-submit')!);
    http.expectNone('/api/inspections');
    expect(q('new-inspection-form-error')!.textContent).toContain('检查组须为 2～6 名稽核人员');
    expect(q('new-inspection-form-error')!.textContent).not.toContain('请选择被检查机构');

    await click(check('xw-i-4'));
    await click(q('new-inspection-submit')!);
    expect(q('new-inspection-form-error')).toBeNull();
    http.expectOne('/api/inspections').flush(fakeAgencyInspection({ id: 'ai-3' }));
    await stable();
  });

  it('shows the backend’s refusal next to the button and stays on the form', async () => {
    const { http, q, check, click, stable, pick } = await open();
    await pick();
    await click(check('xw-i-1'));
    await click(check('xw-i-4'));
    await click(q('new-inspection-submit')!);
    http.expectOne('/api/inspections').flush(
      {
        error: {
          code: 'inspection_inspector_conflict',
          message: { zh: '赵磊 须回避：上一年度检查过该机构', en: 'Zhao Lei must recuse' },
          details: { inspectorId: 'xw-i-4' },
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(q('new-inspection-error')!.textContent).toContain('赵磊 须回避');
    expect(TestBed.inject(Router).url).toBe('/local/inspections/new');
    expect(check('xw-i-4').classList).toContain('ant-checkbox-wrapper-checked');
    expect(q<HTMLButtonElement>('new-inspection-submit')!.disabled).toBe(false);
  });
});

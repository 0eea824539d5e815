import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Me } from '../core/models';
import { openPageByElements } from '../testing/page-harness';
import { InspectionDetailPage } from '../spot-checks/inspection-detail';
import type { Inspection } from '../spot-checks/spot-check-models';
import { fakeAgencyInspection } from '../testing/agency-inspection-fakes';
import { fakeDocumentRequest } from '../testing/document-request-fakes';
import { fakeCityBureauUser, fakeDrafter, fakeMe } from '../testing/fakes';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import type { DocumentRequest } from './document-request-models';
import { refusesDay } from '../testing/controls';

// 调取资料 on the record page of an agency's inspection (issue 13 §3): the list of requests with
// their status, due date, overdue flag and answer; the inspecting team's form (items, due date after
// today and at most 60 days ahead) until the result is sent; read-only for everybody else.
// SPOT_CHECK_NOW is 2027-09-15 (China date).

const otherAgency = (): Me =>
  fakeMe(['county_staff'], { organization: { id: 'agency-320104', name: '秦淮区医保经办中心', kind: 'agency' }, regionPath: '/32/3201/320104/' });

async function open(inspection: Inspection, me: Me, requests: DocumentRequest[], section: 'local' | 'leader' = 'local') {
  const page = await openPageByElements({
    url: `/${section}/inspections/inspection/${inspection.id}`,
    routes: [{ path: `${section}/inspections/inspection/:id`, component: InspectionDetailPage, data: { section, feature: 'inspections' } }],
    me,
    now: SPOT_CHECK_NOW,
  });
  page.http.expectOne(`/api/inspections/${inspection.id}`).flush(inspection);
  await page.tick();
  page.http.expectOne(`/api/inspections/${inspection.id}/document-requests`).flush(requests);
  await page.stable();
  return page;
}

describe('调取资料 on the inspection record', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the requests: open, overdue (flagged or past due), answered with its evidence', async () => {
    const requests = [
      fakeDocumentRequest(),
      fakeDocumentRequest({ id: 'dr2', items: '收费明细', dueDate: '2027-09-14' }),
      fakeDocumentRequest({
        id: 'dr3',
        items: '医师排班表',
        dueDate: '2027-09-10',
        status: 'answered',
        overdue: true,
        answer: '排班表已上传。',
        attachmentIds: ['att-1', 'att-2'],
        answeredAt: '2027-09-12T02:00:00Z',
      }),
    ];
    const { q, all } = await open(fakeAgencyInspection(), fakeDrafter(), requests);
    const rows = all('document-request');
    expect(rows.map((r) => r.dataset['status'])).toEqual(['requested', 'requested', 'answered']);
    expect(q('document-request-status', rows[0])!.textContent).toContain('待提交');
    expect(q('document-request-due', rows[0])!.textContent).toContain('提交期限 2027-09-20');
    expect(q('document-request-overdue', rows[0])).toBeNull();
    expect(q('document-request-items', rows[0])!.textContent).toContain('同期药品进销存台账');
    expect(rows[0]!.textContent).toContain('陈静 于 2027-09-13 09:30 调取');
    // Past its due day though the workflow has not flagged it yet.
    expect(q('document-request-overdue', rows[1])!.textContent).toContain('逾期');
    expect(q('document-request-status', rows[2])!.textContent).toContain('已提交');
    expect(q('document-request-overdue', rows[2])!.textContent).toContain('逾期提交');
    expect(q('document-request-answer', rows[2])!.textContent).toContain('排班表已上传。');
    expect(q('document-request-evidence', rows[2])!.textContent).toContain('附材料 2 份');
    expect(q('document-request-form')).not.toBeNull();
  });

  it('asks for documents: checks the items and the due date, posts them and lists the new request', async () => {
    const { http, q, all, type, click, stable } = await open(fakeAgencyInspection(), fakeDrafter(), []);
    expect(q('document-requests-none')).not.toBeNull();
    const due = q('document-request-due-input')!;
    // the picker offers the days from tomorrow to the legal maximum only
    expect(refusesDay(due, '2027-09-15')).toBe(true);
    expect(refusesDay(due, '2027-09-16')).toBe(false);
    expect(refusesDay(due, '2027-11-14')).toBe(false);
    expect(refusesDay(due, '2027-11-15')).toBe(true);

    await click(q('document-request-submit')!);
    expect(q('document-request-error')!.textContent).toContain('请填写需调取的资料');
    await type(q<HTMLTextAreaElement>('document-request-items-input')!, '  住院病历  ');
    await type(due, '2027-09-15');
    await click(q('document-request-submit')!);
    expect(q('document-request-error')!.textContent).toContain('2027-09-16 至 2027-11-14');
    http.expectNone('/api/inspections/ai1/document-requests');

    await type(due, '2027-09-22');
    await click(q('document-request-submit')!);
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/inspections/ai1/document-requests');
    expect(post.request.body).toEqual({ items: '住院病历', dueDate: '2027-09-22' });
    post.flush(fakeDocumentRequest({ id: 'dr9', items: '住院病历', dueDate: '2027-09-22' }));
    await stable();
    expect(all('document-request')).toHaveLength(1);
    expect(q('document-request-items')!.textContent).toContain('住院病历');
    expect(q('document-request-error')).toBeNull();
    expect(q<HTMLTextAreaElement>('document-request-items-input')!.value).toBe('');
  });

  it('shows the backend’s refusal next to the form', async () => {
    const { http, q, type, click, stable } = await open(fakeAgencyInspection({ status: 'recorded' }), fakeDrafter(), []);
    await type(q<HTMLTextAreaElement>('document-request-items-input')!, '住院病历');
    await type(q<HTMLInputElement>('document-request-due-input')!, '2027-09-30');
    await click(q('document-request-submit')!);
    http.expectOne((r) => r.method === 'POST').flush(
      { error: { code: 'document_request_inspection_sent', message: { zh: '检查结果已送达，不能再调取资料', en: 'the result has been sent' }, details: {} } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(q('document-request-error')!.textContent).toContain('检查结果已送达，不能再调取资料');
  });

  it.each<[string, () => Me, Partial<Inspection>, 'local' | 'leader']>([
    ['the inspecting agency once the result is sent', fakeDrafter, { status: 'sent', sentAt: '2027-09-15T08:00:00Z' }, 'local'],
    ['another county’s agency', otherAgency, {}, 'local'],
    ['a city bureau user', fakeCityBureauUser, {}, 'local'],
    ['a leader', () => fakeMe(['leader']), {}, 'leader'],
  ])('is read-only for %s', async (_, me, overrides, section) => {
    const { q, all } = await open(fakeAgencyInspection(overrides), me(), [fakeDocumentRequest()], section);
    expect(all('document-request')).toHaveLength(1);
    expect(q('document-request-form')).toBeNull();
  });
});

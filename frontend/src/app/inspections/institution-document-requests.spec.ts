import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { cardsFor } from '../home/role-cards';
import { sectionsFor } from '../shell/navigation';
import { fakeDocumentRequest } from '../testing/document-request-fakes';
import { fakeDrafter, fakeMe, provideTestApp } from '../testing/fakes';
import { SPOT_CHECK_NOW } from '../testing/spot-check-fakes';
import type { DocumentRequest } from './document-request-models';
import { institutionDocumentRequestRoutes } from './document-request-routes';
import { CLOCK } from '../core/clock';

// 资料调取 (issue 13 §3): the institution's page under its menu — the requests the inspecting agencies
// made (open ones first, with the deadline and the days left, late ones marked), the answer with a
// note and the institution's own uploads, the backend's refusal shown beside the form; tabs for the
// answered ones and all. SPOT_CHECK_NOW is 2027-09-15 (China date).

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const clerk = (): Me => fakeMe(['institution_clerk'], { organization: { id: 'inst-320102-0001', name: '南京玄武康宁医院', kind: 'institution' } });
const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-09-15T00:00:00Z' });
const LIST = '/api/inspection-document-requests';

/** With the app's routes (shell, menu, guards), or the page's routes alone. */
async function navigateAs(me: Me, url: string, withShell = false) {
  localStorage.clear();
  const pageRoutes = [{ path: 'institution/document-requests', children: institutionDocumentRequestRoutes() }];
  TestBed.configureTestingModule({ providers: [...provideTestApp({ routes: withShell ? routes : pageRoutes }), { provide: CLOCK, useValue: () => SPOT_CHECK_NOW }] });
  TestBed.inject(CurrentUser).set(me);
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url).catch(() => undefined);
  const tick = async (n = 3) => {
    for (let i = 0; i < n; i++) await settle();
  };
  await tick();
  const stable = async () => {
    await tick();
    await harness.fixture.whenStable();
  };
  const el = () => harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el()) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = el()) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const type = async (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await stable();
  };
  const click = async (element: HTMLElement) => {
    element.click();
    await stable();
  };
  const list = (status: string | null): TestRequest => {
    const req = http.expectOne((r) => r.url === LIST && r.method === 'GET');
    expect(req.request.params.get('status')).toBe(status);
    return req;
  };
  return { http, harness, el, q, all, type, click, stable, tick, list, url: () => TestBed.inject(Router).url };
}

async function openPage(requests: DocumentRequest[]) {
  const page = await navigateAs(clerk(), '/institution/document-requests');
  page.list('requested').flush({ items: requests, total: requests.length });
  await page.stable();
  return page;
}

describe('资料调取 in the institution menu', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('is an entry of the institution menu and a home card, for the clerk only', async () => {
    const institution = sectionsFor(['institution_clerk'], 'institution').find((s) => s.id === 'institution')!;
    const item = institution.items.find((i) => i.id === 'document-requests');
    expect(item).toMatchObject({ labelKey: 'feature.documentRequests' });
    expect(item!.loadChildren).toBeDefined();
    expect(cardsFor(['institution_clerk'], 'institution').some((c) => c.path === '/institution/document-requests')).toBe(true);
    expect(sectionsFor(['county_staff'], 'agency').some((s) => s.items.some((i) => i.id === 'document-requests'))).toBe(false);

    const agency = await navigateAs(fakeDrafter(), '/institution/document-requests', true);
    expect(agency.url()).toBe('/forbidden');
  });

  it('opens the page for the clerk', async () => {
    const page = await navigateAs(clerk(), '/institution/document-requests', true);
    expect(page.url()).toBe('/institution/document-requests');
    page.list('requested').flush({ items: [], total: 0 });
    await page.tick();
    expect(page.q('document-requests-none')).not.toBeNull();
  });
});

describe('资料调取 in the institution portal', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the open requests with their deadline; a late one is marked and can still be answered', async () => {
    const { q, all, el } = await openPage([
      fakeDocumentRequest({ id: 'dr2', items: '收费明细', dueDate: '2027-09-14' }),
      fakeDocumentRequest(),
    ]);
    expect(el().querySelector('h1')!.textContent).toContain('资料调取');
    const rows = all('document-request');
    expect(rows.map((r) => r.dataset['id'])).toEqual(['dr2', 'dr1']);
    expect(q('document-request-agency', rows[1])!.textContent).toContain('南京市玄武区医疗保险管理中心');
    expect(q('document-request-due', rows[1])!.textContent).toContain('提交期限 2027-09-20');
    expect(q('document-request-days-left', rows[1])!.textContent).toContain('剩余 5 天');
    expect(q('document-request-items', rows[1])!.textContent).toContain('同期药品进销存台账');
    expect(q('document-request-overdue', rows[0])!.textContent).toContain('逾期');
    expect(q('document-request-days-left', rows[0])).toBeNull();
    expect(all('document-answer-open')).toHaveLength(2);
  });

  it('answers with a note and evidence: the POST body, then the request leaves the open list', async () => {
    const { http, q, all, type, click, stable, tick } = await openPage([fakeDocumentRequest(), fakeDocumentRequest({ id: 'dr2', items: '收费明细' })]);
    await click(q('document-answer-open', all('document-request')[0])!);
    const form = q('document-answer-form')!;
    expect(form).not.toBeNull();
    expect(q('document-answer-late')).toBeNull();

    await click(q('document-answer-submit')!);
    expect(q('document-answer-error')!.textContent).toContain('请填写答复说明');

    const picker = q<HTMLInputElement>('document-answer-upload')!;
    Object.defineProperty(picker, 'files', { value: [new File([new Uint8Array(2048)], '住院病历.pdf')], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();
    http.expectOne('/api/attachments').flush(attachment('att-1', '住院病历.pdf'));
    await stable();
    expect(q('document-answer-file')!.textContent).toContain('住院病历.pdf');

    await type(q<HTMLTextAreaElement>('document-answer-input')!, '  病历已扫描上传；进销存台账下周补交。 ');
    await click(q('document-answer-submit')!);
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `${LIST}/dr1/answer`);
    expect(post.request.body).toEqual({ answer: '病历已扫描上传；进销存台账下周补交。', attachmentIds: ['att-1'] });
    post.flush(fakeDocumentRequest({ status: 'answered', answer: '病历已扫描上传；进销存台账下周补交。', attachmentIds: ['att-1'], answeredAt: '2027-09-15T03:00:00Z' }));
    await stable();
    expect(all('document-request').map((r) => r.dataset['id'])).toEqual(['dr2']);
    expect(q('document-answer-form')).toBeNull();
  });

  it('shows the backend’s refusal beside the form and keeps the draft', async () => {
    const { http, q, type, click, stable } = await openPage([fakeDocumentRequest({ dueDate: '2027-09-10', overdue: true })]);
    await click(q('document-answer-open')!);
    expect(q('document-answer-late')!.textContent).toContain('逾期提交');
    await type(q<HTMLTextAreaElement>('document-answer-input')!, '已补交。');
    await click(q('document-answer-submit')!);
    http.expectOne((r) => r.method === 'POST').flush(
      { error: { code: 'attachment_unknown', message: { zh: '附件不存在或不是本机构上传的：x', en: 'attachments not found' }, details: { field: 'attachmentIds' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(q('document-answer-error')!.textContent).toContain('附件不存在或不是本机构上传的');
    expect(q<HTMLTextAreaElement>('document-answer-input')!.value).toBe('已补交。');
  });

  it('shows the answered ones with their answer and evidence, and all of them', async () => {
    const { q, all, list, stable, tick } = await openPage([]);
    expect(q('document-requests-none')!.textContent).toContain('暂无待提交');
    // The tab loads its list: flushed before the page can be stable.
    const choose = async (tab: string) => {
      (q(`document-request-tab-${tab}`)!.querySelector('input') ?? q(`document-request-tab-${tab}`)!).click();
      await tick();
    };
    await choose('answered');
    list('answered').flush({
      items: [fakeDocumentRequest({ status: 'answered', overdue: true, answer: '排班表已上传。', attachmentIds: ['a', 'b'], answeredAt: '2027-09-12T02:00:00Z' })],
      total: 1,
    });
    await stable();
    const row = all('document-request')[0]!;
    expect(q('document-request-status', row)!.textContent).toContain('已提交');
    expect(q('document-request-overdue', row)!.textContent).toContain('逾期提交');
    expect(q('document-request-answer', row)!.textContent).toContain('排班表已上传。');
    expect(q('document-request-evidence', row)!.textContent).toContain('附材料 2 份');
    expect(q('document-answer-open', row)).toBeNull();
    await choose('all');
    list(null).flush({ items: [], total: 0 });
    await stable();
    expect(q('document-requests-none')!.textContent).toContain('暂无资料调取');
  });
});

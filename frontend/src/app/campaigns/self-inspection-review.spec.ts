import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { NzMessageService } from 'ng-zorro-antd/message';
import type { Me } from '../core/models';
import { openRoutedPage } from '../testing/page-harness';
import { PLAN_NOW, fakeMe } from '../testing/fakes';
import { fakeAgencyRow, fakeCampaignDetail, fakeProgress, fakeReview, fakeSelfInspectionTask } from './campaign-fakes';
import type { SelfInspectionTask } from './campaigns-api';
import { SelfInspectionReviewPage } from './self-inspection-review';

const AWAITING = '/api/self-inspections?campaignId=c1&handledByMe=true&review=awaiting&page=1&pageSize=50';

const xuanwuAgency = (): Me =>
  fakeMe(['county_staff'], { organization: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心', kind: 'agency' } });

const submitted = (overrides: Partial<SelfInspectionTask> = {}) =>
  fakeSelfInspectionTask({
    status: 'submitted', report: '已自查', refundedAmount: 1500.5, submittedAt: '2027-05-02T01:00:00Z',
    review: fakeReview({ status: 'awaiting' }), ...overrides,
  });

describe('The handling agency\'s review of its institutions\' reports', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((n) => (n.innerHTML = ''));
  });

  async function open(items: SelfInspectionTask[], me: Me = xuanwuAgency()) {
    const page = await openRoutedPage({
      url: '/local/campaigns/c1/review',
      routes: [{ path: 'local/campaigns/:campaignId/review', component: SelfInspectionReviewPage, data: { section: 'local' } }],
      me,
      now: PLAN_NOW,
    });
    http = page.http;
    http.expectOne('/api/campaigns/c1').flush(fakeCampaignDetail());
    http.expectOne('/api/campaigns/c1/progress').flush({ ...fakeProgress(), agencies: [fakeAgencyRow()] });
    http.expectOne(AWAITING).flush({ items, total: items.length });
    await page.stable();
    const { harness, el, q, all, text, stable, tick } = page;
    /** The dialog is in the overlay container, outside the page. */
    const dialog = <T extends HTMLElement = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);
    const typeIn = async (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await stable();
    };
    const okButton = () => [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => b.textContent!.includes('确定'))!;
    return { harness, el, q, all, text, dialog, typeIn, okButton, stable, tick };
  }

  it('lists the reports awaiting verification with the agency\'s counts, and filters by review state', async () => {
    const { harness, all, text, q, stable, tick } = await open([submitted(), submitted({ id: 't2', review: fakeReview({ status: 'awaiting', corrections: 1 }) })]);
    expect(text('review-campaign')).toBe('2027年度定点医药机构专项治理');
    expect(text('review-count-awaiting')).toBe('2');
    expect(text('review-count-verified')).toBe('5');
    const rows = all('review-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/local/campaigns/c1/tasks/t1');
    expect(rows[0]!.querySelector('[data-testid="review-verify"]')).not.toBeNull();
    expect(rows[0]!.querySelector('[data-testid="review-return"]')).not.toBeNull();
    expect(rows[1]!.textContent).toContain('已更正 1 次');
    expect(q('review-not-agency')).toBeNull();

    harness.fixture.debugElement.query(By.css('[data-testid="review-filter"]')).injector.get(NgModel).viewToModelUpdate('verified');
    await tick();
    http.expectOne('/api/self-inspections?campaignId=c1&handledByMe=true&review=verified&page=1&pageSize=50').flush({
      items: [submitted({ review: fakeReview({ status: 'verified', refundConfirmed: false }) })],
      total: 1,
    });
    await stable();
    const verified = all('review-row');
    expect(verified[0]!.querySelector('[data-testid="review-verify"]')).toBeNull();
    // Verified without the refund yet: the refund can be recorded.
    expect(verified[0]!.querySelector('[data-testid="review-refund"]')).not.toBeNull();
  });

  it('verifies a report with the refund verified', async () => {
    const { q, dialog, typeIn, okButton, stable, tick } = await open([submitted()]);
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
    q('review-verify')!.click();
    await stable();
    expect(dialog('review-form')!.getAttribute('data-action')).toBe('verify');
    expect(dialog('review-form-institution')!.textContent).toContain('南京市第一医院');
    // Prefilled with the refund the institution reported, confirmed.
    const amount = dialog<HTMLInputElement>('review-form-amount')!;
    expect(amount.value).toBe('1500.50');
    await typeIn(amount, '1500.123');
    okButton().click();
    await stable();
    expect(dialog('review-form-amount-error')!.textContent).toContain('最多两位小数');
    http.expectNone((r) => r.url.endsWith('/verify'));

    await typeIn(dialog<HTMLInputElement>('review-form-amount')!, '1500.5');
    await typeIn(dialog<HTMLTextAreaElement>('review-form-comment')!, '凭证齐全');
    okButton().click();
    await tick();
    const post = http.expectOne('/api/self-inspections/t1/verify');
    expect(post.request.body).toEqual({ comment: '凭证齐全', refund: { confirmed: true, amount: 1500.5 } });
    post.flush(submitted({ review: fakeReview({ status: 'verified', refundConfirmed: true, refundVerifiedAmount: 1500.5 }) }));
    await tick();
    expect(success).toHaveBeenCalledWith('已核实');
    http.expectOne(AWAITING).flush({ items: [], total: 0 });
    http.expectOne('/api/campaigns/c1/progress').flush({ ...fakeProgress(), agencies: [fakeAgencyRow({ handled: { tasks: 12, submitted: 8, verified: 6, returned: 1, refundVerifiedAmount: 5700.5 } })] });
    await stable();
    expect(dialog('review-form')).toBeNull();
  });

  it('returns a report only with what to correct, and keeps a refusal in the dialog', async () => {
    const { q, dialog, typeIn, okButton, stable, tick } = await open([submitted()]);
    q('review-return')!.click();
    await stable();
    expect(dialog('review-form')!.getAttribute('data-action')).toBe('return');
    expect(dialog('review-form-amount')).toBeNull();
    okButton().click();
    await stable();
    expect(dialog('review-form-comment-error')!.textContent).toContain('写明需要更正或补充的内容');
    http.expectNone((r) => r.url.endsWith('/return'));

    await typeIn(dialog<HTMLTextAreaElement>('review-form-comment')!, '请补充缴款凭证');
    okButton().click();
    await tick();
    const post = http.expectOne('/api/self-inspections/t1/return');
    expect(post.request.body).toEqual({ comment: '请补充缴款凭证' });
    post.flush(
      { error: { code: 'self_inspection_review_forbidden', message: { zh: '只有负责该机构（持有其服务协议）的经办机构可以核实或退回其自查报告', en: 'only the handling agency' } } },
      { status: 403, statusText: 'Forbidden' },
    );
    await stable();
    expect(dialog('review-form-refusal')!.textContent).toContain('只有负责该机构');
    expect(dialog('review-form')).not.toBeNull();
  });

  it('offers no action to a user who is not an agency (the bureau of the same region)', async () => {
    const bureau = fakeMe(['county_staff'], { organization: { id: 'bureau-320102', name: '南京市玄武区医疗保障局', kind: 'bureau' } });
    const { q, all } = await open([submitted()], bureau);
    expect(q('review-not-agency')).not.toBeNull();
    expect(all('review-row')[0]!.querySelector('[data-testid="review-verify"]')).toBeNull();
  });

  it('keeps the review state, search and sort in the URL; "all" asks for every report; the export takes the same filters (issue 16 §2)', async () => {
    const { harness, q, tick, stable } = await open([submitted()]);
    harness.fixture.debugElement.query(By.css('[data-testid="review-filter"]')).injector.get(NgModel).viewToModelUpdate('all');
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/campaigns/c1/review?review=all');
    http.expectOne('/api/self-inspections?campaignId=c1&handledByMe=true&page=1&pageSize=50').flush({ items: [], total: 0 });
    await stable();

    const search = q<HTMLInputElement>('list-search')!;
    search.value = 'inst-320102-0001';
    search.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>('list-search-button')!.click();
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/campaigns/c1/review?review=all&q=inst-320102-0001');
    http.expectOne('/api/self-inspections?campaignId=c1&handledByMe=true&q=inst-320102-0001&page=1&pageSize=50').flush({ items: [submitted()], total: 1 });
    await stable();

    q<HTMLButtonElement>('list-export-xlsx')!.click();
    await tick();
    const file = http.expectOne((r) => r.url === '/api/self-inspections/export.xlsx');
    expect(file.request.params.toString()).toBe('campaignId=c1&handledByMe=true&q=inst-320102-0001');
    file.flush(new Blob(['x']));
    await stable();
  });
});

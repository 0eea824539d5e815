import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import type { Me } from '../core/models';
import { fakeAgencyUser, fakeClerk, fakeDecision } from '../testing/findings-fakes';
import { openFindingsPage } from '../testing/findings-harness';
import { DecisionDetailPage } from './decision-detail';
import { recoveryErrors } from './decision-recoveries';
import type { Decision, DecisionRecoveries } from './findings-api';
import { refusesDay, shownValue } from '../testing/controls';

// Issue 16: the amounts actually recovered on the decision page (实际追回 beside the confirmed
// amount), and the handling agency's form to record one. FINDINGS_NOW is 2027-10-12 (China).

const pages = { 'local/findings/decision/:id': DecisionDetailPage, 'institution/rectification/decision/:id': DecisionDetailPage };

const recoveries = (overrides: Partial<DecisionRecoveries> = {}): DecisionRecoveries => ({
  decisionId: 'd1', confirmedAmount: 12800.5, recoveredAmount: 0, remainingAmount: 12800.5, items: [], ...overrides,
});

async function open(decision: Decision, me: Me, section: 'local' | 'institution', answer: DecisionRecoveries | null = recoveries()) {
  const url = section === 'local' ? `/local/findings/decision/${decision.id}` : `/institution/rectification/decision/${decision.id}`;
  const page = await openFindingsPage(me, url, pages, section);
  page.http.expectOne(`/api/decisions/${decision.id}`).flush(decision);
  // not stable(): the panel's request is pending until answered
  await page.tick();
  if (answer) page.http.expectOne(`/api/decisions/${decision.id}/recoveries`).flush(answer);
  await page.stable();
  const setModel = async (testId: string, value: unknown) => {
    page.harness.fixture.debugElement.query(By.css(`[data-testid="${testId}"]`)).injector.get(NgModel).viewToModelUpdate(value);
    await page.stable();
  };
  return { ...page, setModel };
}

describe('recoveryErrors', () => {
  it('checks the amount against what remains, in cents, and the date against today and the effective day', () => {
    expect(recoveryErrors(100.3, '2027-10-12', 100.3, '2027-10-12', '2027-10-10')).toEqual([]);
    expect(recoveryErrors(100.31, '2027-10-12', 100.3, '2027-10-12', null)).toEqual(['recovery.amountTooLarge']);
    expect(recoveryErrors(0, '2027-10-12', 100, '2027-10-12', null)).toEqual(['recovery.amountInvalid']);
    expect(recoveryErrors(1.234, '2027-10-12', 100, '2027-10-12', null)).toEqual(['recovery.amountInvalid']);
    expect(recoveryErrors(null, '', 100, '2027-10-12', null)).toEqual(['recovery.amountInvalid', 'recovery.dateRequired']);
    expect(recoveryErrors(1, '2027-10-13', 100, '2027-10-12', null)).toEqual(['recovery.dateFuture']);
    expect(recoveryErrors(1, '2027-10-09', 100, '2027-10-12', '2027-10-10')).toEqual(['recovery.dateBeforeEffective']);
  });
});

describe('Decision recoveries', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('the handling agency records a deduction: checked before sending, the answer replaces the figures', async () => {
    const { http, q, all, click, type, setModel } = await open(fakeDecision(), fakeAgencyUser(), 'local');
    expect(q('recovery-confirmed')!.textContent!.trim()).toBe('12,800.50 元');
    expect(q('recovery-recovered')!.textContent!.trim()).toBe('0.00 元');
    expect(q('recovery-none')).not.toBeNull();
    expect(shownValue(q('recovery-date')!)).toBe('2027-10-12');
    expect(refusesDay(q('recovery-date')!, '2027-10-13')).toBe(true); // after today
    expect(refusesDay(q('recovery-date')!, '2027-10-12')).toBe(false);

    await setModel('recovery-amount', 20000);
    await click(q('recovery-submit')!);
    expect(all('recovery-error').map((e) => e.textContent!.trim())).toEqual(['追回金额不能超过尚未追回的认定金额']);
    await setModel('recovery-amount', 5000);
    await type(q<HTMLInputElement>('recovery-date')!, '2027-10-13');
    await click(q('recovery-submit')!);
    expect(all('recovery-error').map((e) => e.textContent!.trim())).toEqual(['追回日期不能晚于今天']);
    http.expectNone('/api/decisions/d1/recoveries');

    await type(q<HTMLInputElement>('recovery-date')!, '2027-10-11');
    await click(q('recovery-method-repayment')!.querySelector('input')!);
    await click(q('recovery-submit')!);
    const req = http.expectOne('/api/decisions/d1/recoveries');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ amount: 5000, recoveredOn: '2027-10-11', method: 'repayment', attachmentIds: [] });
    req.flush(recoveries({
      recoveredAmount: 5000, remainingAmount: 7800.5,
      items: [{ id: 'r1', amount: 5000, recoveredOn: '2027-10-11', method: 'repayment', attachmentIds: [], recordedBy: '张三', recordedAt: '2027-10-12T02:00:00Z' }],
    }));
    await click(q('decision-recoveries')!);
    expect(q('recovery-recovered')!.textContent!.trim()).toBe('5,000.00 元');
    expect(q('recovery-remaining')!.textContent!.trim()).toBe('7,800.50 元');
    expect(all('recovery-row').map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()))).toEqual([
      ['2027-10-11', '退回', '5,000.00', '0 个附件', '张三 · 2027-10-12 10:00'],
    ]);
    expect(all('recovery-error')).toEqual([]);
  });

  it('shows the server refusal next to the button', async () => {
    const { http, q, click, setModel } = await open(fakeDecision(), fakeAgencyUser(), 'local');
    await setModel('recovery-amount', 100);
    await click(q('recovery-submit')!);
    http.expectOne('/api/decisions/d1/recoveries').flush(
      { error: { code: 'recovery_exceeds_confirmed', message: { zh: '追回金额 100.00 元超过尚未追回的认定金额 50.00 元', en: 'exceeds' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await click(q('decision-recoveries')!);
    expect(q('recovery-server-error')!.textContent).toContain('超过尚未追回的认定金额 50.00 元');
  });

  it('the institution reads the figures without the form; nothing is loaded before the decision takes effect; no form once all is recovered', async () => {
    const inst = await open(fakeDecision(), fakeClerk(), 'institution', recoveries({ recoveredAmount: 800, remainingAmount: 12000.5 }));
    expect(inst.q('recovery-recovered')!.textContent!.trim()).toBe('800.00 元');
    expect(inst.q('recovery-form')).toBeNull();
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();

    const pending = await open(fakeDecision({ status: 'pending_legal_review', effectiveAt: null, legalReview: null }), fakeAgencyUser(), 'local', null);
    expect(pending.q('decision-recoveries')).toBeNull();
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();

    const done = await open(fakeDecision(), fakeAgencyUser(), 'local', recoveries({ recoveredAmount: 12800.5, remainingAmount: 0 }));
    expect(done.q('decision-recoveries')).not.toBeNull();
    expect(done.q('recovery-form')).toBeNull();
  });
});

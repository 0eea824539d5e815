import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { fakeAgencyUser, fakeDecision, fakeFinding } from '../testing/findings-fakes';
import { openFindingsPage } from '../testing/findings-harness';
import { DecisionDetailPage } from './decision-detail';
import { DecisionForm } from './decision-form';
import { buildMeasures, isMajor, measureDraft, measureOf, measureProblems, parseMeasureAmount } from './decision-measures';

const TODAY = '2027-10-12';

describe('Decision measures', () => {
  it.each<[string, number | null]>([
    ['1200.5', 1200.5],
    [' 1200.50 ', 1200.5],
    ['12.345', null],
    ['0', null],
    ['0.00', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
  ])('parses the amount %p as %p', (text, expected) => {
    expect(parseMeasureAmount(text)).toBe(expected);
  });

  it('asks each kind for its own fields', () => {
    const keys = (kind: Parameters<typeof measureDraft>[0], fields = {}) => measureProblems(measureDraft(kind, fields), TODAY).map((p) => `${p.field}:${p.key}`);
    expect(keys('talk')).toEqual([]);
    expect(keys('terminate_agreement')).toEqual([]);
    expect(keys('refuse_payment')).toEqual(['amount:decision.form.amountRequired']);
    expect(keys('refuse_payment', { amount: '1.234' })).toEqual(['amount:decision.form.amountInvalid']);
    expect(keys('suspend_settlement')).toEqual(['rectificationDue:decision.form.dueRequired']);
    expect(keys('suspend_settlement', { rectificationDue: TODAY })).toEqual(['rectificationDue:decision.form.dueFuture']);
    expect(keys('clinician_admonition')).toEqual(['clinicianName:decision.form.clinicianRequired']);
    expect(keys('clinician_talk', { clinicianName: '  ' })).toEqual(['clinicianName:decision.form.clinicianRequired']);
    expect(keys('clinician_suspend_realtime', { clinicianName: '王明' })).toEqual(['rectificationDue:decision.form.dueRequired']);
    expect(keys('clinician_refuse_payment', { clinicianName: '王明', amount: '' })).toEqual(['amount:decision.form.amountRequired']);
  });

  it('builds each measure with only the fields of its kind', () => {
    const full = { amount: ' 88.8 ', clinicianName: ' 王明 ', rectificationDue: '2027-11-30' };
    expect(measureOf(measureDraft('talk', full))).toEqual({ kind: 'talk' });
    expect(measureOf(measureDraft('refuse_payment', full))).toEqual({ kind: 'refuse_payment', amount: 88.8 });
    expect(measureOf(measureDraft('suspend_settlement', full))).toEqual({ kind: 'suspend_settlement', rectificationDue: '2027-11-30' });
    expect(measureOf(measureDraft('terminate_agreement', full))).toEqual({ kind: 'terminate_agreement' });
    expect(measureOf(measureDraft('clinician_admonition', full))).toEqual({ kind: 'clinician_admonition', clinicianName: '王明' });
    expect(measureOf(measureDraft('clinician_talk', full))).toEqual({ kind: 'clinician_talk', clinicianName: '王明' });
    expect(measureOf(measureDraft('clinician_suspend_realtime', full))).toEqual({ kind: 'clinician_suspend_realtime', clinicianName: '王明', rectificationDue: '2027-11-30' });
    expect(measureOf(measureDraft('clinician_refuse_payment', full))).toEqual({ kind: 'clinician_refuse_payment', clinicianName: '王明', amount: 88.8 });
  });

  it('refuses an empty list and rows with problems', () => {
    expect(buildMeasures([], TODAY)).toEqual({ rows: [], none: true });
    const built = buildMeasures([measureDraft('talk'), measureDraft('refuse_payment')], TODAY);
    expect('rows' in built && built.rows.map((r) => r.length)).toEqual([0, 1]);
  });

  it('tells a major decision', () => {
    expect(isMajor([{ kind: 'talk' }, { kind: 'refuse_payment', amount: 100000 }])).toBe(false);
    expect(isMajor([{ kind: 'refuse_payment', amount: 60000 }, { kind: 'clinician_refuse_payment', clinicianName: '王明', amount: 40000.01 }])).toBe(true);
    expect(isMajor([{ kind: 'terminate_agreement' }])).toBe(true);
    expect(isMajor([{ kind: 'suspend_settlement', rectificationDue: '2027-11-30' }])).toBe(true);
  });
});

describe('Decision form', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const pages = { 'local/findings/decide': DecisionForm, 'local/findings/decision/:id': DecisionDetailPage };

  async function openForm(ids = 'f1,f2') {
    const page = await openFindingsPage(fakeAgencyUser(), `/local/findings/decide?findingIds=${ids}`, pages, 'local');
    return page;
  }

  it('builds the measures body from the editor and opens the new decision', async () => {
    const { http, q, all, type, click, confirmModal, modalText, stable, tick } = await openForm();
    http.expectOne('/api/findings/f1').flush(fakeFinding({ status: 'confirmed' }));
    http.expectOne('/api/findings/f2').flush(fakeFinding({ id: 'f2', status: 'deemed_confirmed', amount: 1000, clinicianName: null }));
    await stable();
    expect(all('decision-form-finding')).toHaveLength(2);
    expect(q('decision-form-total')!.textContent).toContain('13,800.50');

    const measures = () => all('decision-measure');
    expect(measures()).toHaveLength(1);
    // Refused payment: the total of the findings is suggested.
    await type(q<HTMLSelectElement>('decision-measure-kind', measures()[0])!, 'refuse_payment');
    expect(q<HTMLInputElement>('decision-measure-amount', measures()[0])!.value).toBe('13800.50');
    await type(q<HTMLInputElement>('decision-measure-amount', measures()[0])!, '13800.505');

    await click(q('decision-measure-add')!);
    await type(q<HTMLSelectElement>('decision-measure-kind', measures()[1])!, 'clinician_suspend_realtime');
    // The clinician named in the findings is suggested; cleared here to see it required.
    expect(q<HTMLInputElement>('decision-measure-clinician', measures()[1])!.value).toBe('王明');
    await type(q<HTMLInputElement>('decision-measure-clinician', measures()[1])!, ' ');

    await click(q('decision-measure-add')!);
    await type(q<HTMLSelectElement>('decision-measure-kind', measures()[2])!, 'suspend_settlement');

    await click(q('decision-submit')!);
    expect(modalText()).toBe('');
    expect(all('decision-measure-error').map((e) => e.textContent!.trim())).toEqual([
      '金额须大于 0，最多两位小数。',
      '请填写医务人员姓名。',
      '请选择整改期限。',
      '请选择整改期限。',
    ]);
    expect(q('decision-basis-error')).not.toBeNull();

    await type(q<HTMLInputElement>('decision-measure-amount', measures()[0])!, '13800.5');
    await type(q<HTMLInputElement>('decision-measure-clinician', measures()[1])!, '王明');
    await type(q<HTMLInputElement>('decision-measure-due', measures()[1])!, '2027-10-12');
    await type(q<HTMLInputElement>('decision-measure-due', measures()[2])!, '2027-11-30');
    expect(all('decision-measure-error').map((e) => e.textContent!.trim())).toEqual(['整改期限须晚于今天。']);
    await type(q<HTMLInputElement>('decision-measure-due', measures()[1])!, '2027-11-15');
    await type(q<HTMLTextAreaElement>('decision-basis')!, ' 《服务协议》第三十二条 ');
    expect(q('decision-major-hint')).not.toBeNull();

    await click(q('decision-submit')!);
    expect(modalText()).toContain('须经复核方可生效');
    await confirmModal();
    const req = http.expectOne('/api/decisions');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      findingIds: ['f1', 'f2'],
      measures: [
        { kind: 'refuse_payment', amount: 13800.5 },
        { kind: 'clinician_suspend_realtime', clinicianName: '王明', rectificationDue: '2027-11-15' },
        { kind: 'suspend_settlement', rectificationDue: '2027-11-30' },
      ],
      basis: '《服务协议》第三十二条',
    });
    req.flush(fakeDecision({ id: 'd9', status: 'pending_legal_review' }));
    await tick();
    expect(TestBed.inject(Router).url).toBe('/local/findings/decision/d9');
    http.expectOne('/api/decisions/d9').flush(fakeDecision({ id: 'd9', status: 'pending_legal_review' }));
  });

  it('removes measures and requires at least one', async () => {
    const { http, q, all, click, type, stable } = await openForm('f1');
    http.expectOne('/api/findings/f1').flush(fakeFinding({ status: 'confirmed' }));
    await stable();
    await click(q('decision-measure-remove')!);
    expect(all('decision-measure')).toHaveLength(0);
    await type(q<HTMLTextAreaElement>('decision-basis')!, '协议第十条');
    await click(q('decision-submit')!);
    expect(q('decision-measures-required')).not.toBeNull();
    http.expectNone('/api/decisions');
  });

  it('refuses findings of several institutions or not confirmed', async () => {
    const { http, q, stable } = await openForm();
    http.expectOne('/api/findings/f1').flush(fakeFinding({ status: 'confirmed' }));
    http.expectOne('/api/findings/f2').flush(fakeFinding({ id: 'f2', status: 'confirmed', institution: { id: 'h-2', name: '玄武区中医院', regionCode: '320102', regionName: '玄武区' } }));
    await stable();
    expect(q('decision-form-invalid')!.textContent).toContain('同一家机构');
    expect(q<HTMLButtonElement>('decision-submit')!.disabled).toBe(true);
  });

  it('shows the backend refusal', async () => {
    const { http, q, type, click, confirmModal, stable } = await openForm('f1');
    http.expectOne('/api/findings/f1').flush(fakeFinding({ status: 'confirmed' }));
    await stable();
    await type(q<HTMLTextAreaElement>('decision-basis')!, '协议第十条');
    await click(q('decision-submit')!);
    await confirmModal();
    http
      .expectOne('/api/decisions')
      .flush({ error: { code: 'finding_not_decidable', message: { zh: '问题尚未确认', en: 'Not confirmed' } } }, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(q('decision-server-error')!.textContent).toContain('问题尚未确认');
  });
});

import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import { TranslationService } from '../i18n/translation';
import { fakeCityReviewer, provideTestApp } from '../testing/fakes';
import { fakeVerification } from '../testing/spot-check-fakes';
import { DrawVerifyPage } from './draw-verify';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Draw verification page (uploaded record.json)', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open() {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: provideTestApp({ routes: [{ path: 'local/spot-checks/verify', component: DrawVerifyPage, data: { section: 'local' } }] }),
    });
    TestBed.inject(CurrentUser).set(fakeCityReviewer());
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/local/spot-checks/verify');
    const el = harness.routeNativeElement as HTMLElement;
    const tick = async () => {
      for (let i = 0; i < 6; i++) await settle();
      await harness.fixture.whenStable();
    };
    const q = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const pick = async (file: File) => {
      const picker = q('verify-file') as HTMLInputElement;
      Object.defineProperty(picker, 'files', { value: [file], configurable: true });
      picker.dispatchEvent(new Event('change'));
      await tick();
    };
    return { el, q, pick, tick };
  }

  it('explains who can replay the draw, with the CLI', async () => {
    const { el, q } = await open();
    expect(el.textContent).toContain('任何持有公开抽取记录（record.json）的人都可以重放抽取过程');
    // The command line is for experts, behind 技术细节 (issue 16).
    expect(q('verify-cli-details')!.textContent).toContain('技术细节');
    expect(q('verify-cli-details')!.querySelector('.ant-collapse-item-active')).toBeNull();
    expect(q('verify-cli')!.textContent).toBe('node backend/dist/cli.js verify-draw record.json');
  });

  it('sends the parsed record and shows every check, failed ones marked', async () => {
    const { el, q, pick, tick } = await open();
    const record = { algorithm: 'fundsup-draw/1', spotCheckId: 'sc1', witnessCommitments: ['a'.repeat(64)], result: { strata: [] } };
    await pick(new File([JSON.stringify(record)], 'record.json', { type: 'application/json' }));
    const post = http.expectOne('/api/spot-checks/verify');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(record);
    post.flush(fakeVerification(['seed', 'result']));
    await tick();
    const checks = [...el.querySelectorAll<HTMLElement>('[data-testid="verify-check"]')];
    expect(checks.map((c) => c.getAttribute('data-ok'))).toEqual(['true', 'true', 'true', 'false', 'false']);
    expect(checks[3]!.textContent).toContain('随机种子');
    expect(checks[3]!.textContent).toContain('未通过');
    expect(checks[3]!.textContent).toContain('由承诺值和见证人密钥重新算出的随机种子');
    expect(checks[3]!.textContent).not.toContain('seed mismatch');
    expect(q('verify-technical')!.textContent).toContain('技术细节');
    expect(el.querySelector('[data-testid="verify-check-detail"][data-name="seed"]')!.textContent).toContain('seed mismatch');
    expect(checks[0]!.textContent).toContain('名录哈希');
    expect(checks[0]!.textContent).toContain('通过');
    expect(q('verify-verdict')!.textContent).toContain('校验未通过');
    expect(q('verify-file-name')!.textContent).toBe('record.json');
  });

  it('says so when every check passes', async () => {
    const { q, pick, tick } = await open();
    await pick(new File(['{"algorithm":"fundsup-draw/1"}'], 'record.json'));
    http.expectOne('/api/spot-checks/verify').flush(fakeVerification());
    await tick();
    expect(q('verify-verdict')!.getAttribute('data-ok')).toBe('true');
    expect(q('verify-verdict')!.textContent).toContain('全部校验通过');
  });

  it('refuses a file that is not JSON, or not an object, without sending it', async () => {
    const { q, pick } = await open();
    await pick(new File(['not json {'], 'record.json'));
    expect(q('verify-error')!.textContent).toContain('不是有效的 JSON');
    await pick(new File(['[1,2]'], 'record.json'));
    expect(q('verify-error')!.textContent).toContain('不是抽取记录');
    http.expectNone('/api/spot-checks/verify');
  });

  it('speaks English when switched', async () => {
    const { el, q, pick, tick } = await open();
    TestBed.inject(TranslationService).use('en');
    await pick(new File(['{}'], 'record.json'));
    http.expectOne('/api/spot-checks/verify').flush(fakeVerification(['reveal']));
    await tick();
    expect(el.textContent).toContain('Anyone holding the published draw record (record.json) can replay the draw');
    expect(q('verify-verdict')!.textContent).toContain('Verification failed');
    expect(el.querySelector('[data-name="reveal"]')!.textContent).toContain('Witness secrets');
  });

  it('shows the backend refusal of a malformed record', async () => {
    const { q, pick, tick } = await open();
    await pick(new File(['{}'], 'record.json'));
    http
      .expectOne('/api/spot-checks/verify')
      .flush({ error: { code: 'draw_record_invalid', message: { zh: '抽取记录格式不正确', en: 'Invalid record' } } }, { status: 400, statusText: 'Bad Request' });
    await tick();
    expect(q('verify-error')!.textContent).toContain('抽取记录格式不正确');
  });
});

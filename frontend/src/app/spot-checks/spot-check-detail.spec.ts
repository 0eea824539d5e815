import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { fakeCityReviewer, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import {
  COMMITMENT,
  FAKE_CITIES,
  RESULT_HASH,
  SHA256_ABC,
  SPOT_CHECK_NOW,
  fakeCommittedSpotCheck,
  fakeDrawnSpotCheck,
  fakeInspection,
  fakeSpotCheck,
  fakeVerification,
} from '../testing/spot-check-fakes';
import { SpotCheckDetailPage } from './spot-check-detail';
import type { SpotCheckDetail } from './spot-check-models';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const SECRETS = ['abc', 'secret-2 of 李四', '赵六的密钥'];

describe('Spot-check detail: the commit–reveal ceremony', () => {
  let http: HttpTestingController;

  afterEach(() => {
    http.match(() => true);
    http.verify();
  });

  async function open(check: SpotCheckDetail, options: { me?: Me; section?: 'province' | 'local'; record?: 'flush' | 'fail' | 'none'; inspections?: unknown } = {}) {
    const section = options.section ?? 'province';
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: `${section}/spot-checks/check/:id`, component: SpotCheckDetailPage, data: { section } }] }),
        { provide: CLOCK, useValue: () => SPOT_CHECK_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(options.me ?? fakeProvinceUser());
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/${section}/spot-checks/check/${check.id}`);
    const tick = async (n = 3) => {
      for (let i = 0; i < n; i++) await settle();
    };
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
    };
    await tick();
    // Resources keep the fixture unstable while their requests are open: flush them all first.
    http.expectOne(`/api/spot-checks/${check.id}`).flush(check);
    await tick();
    http.expectOne('/api/campaigns/defaults?year=2027').flush({ year: 2027, cities: FAKE_CITIES });
    if (check.status !== 'draft') flushRecord(options.record ?? 'flush');
    if (check.status === 'drawn') http.expectOne('/api/inspections?page=1&pageSize=100&spotCheckId=sc1').flush(options.inspections ?? { items: [], total: 0 });
    await stable();
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el) => root.querySelector<T>(`[data-testid="${testId}"]`);
    const all = <T extends HTMLElement = HTMLElement>(testId: string) => [...el.querySelectorAll<T>(`[data-testid="${testId}"]`)];
    const type = async (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      // The digest is asynchronous (Web Crypto or the pure fallback).
      await tick(6);
      await stable();
    };
    const click = async (testId: string) => {
      q(testId)!.click();
      await tick(6);
      await stable();
    };
    return { el, q, all, type, click, stable, tick };
  }

  function flushRecord(mode: 'flush' | 'fail' | 'none') {
    if (mode === 'none') return;
    const request = http.expectOne('/api/spot-checks/sc1/record.json');
    if (mode === 'fail') request.flush('gone', { status: 500, statusText: 'Server Error' });
    else request.flush({ algorithm: 'fundsup-draw/1', spotCheckId: 'sc1', witnessCommitments: SECRETS.map(sha256), commitment: COMMITMENT });
  }

  it('sends only the sha256 hex of each typed secret, in witness order, and publishes the commitment', async () => {
    const { q, all, type, click, stable, tick, el } = await open(fakeSpotCheck());
    expect(q('spot-check-facts')!.textContent).toContain('南京市、苏州市');
    expect(q('spot-check-facts')!.textContent).toContain('医院 · 三级');
    expect(q('spot-check-facts')!.textContent).toContain('20%');
    expect(el.textContent).toContain('请见证人牢记并妥善保管自己的密钥');
    const secrets = all<HTMLInputElement>('witness-secret');
    const confirms = all<HTMLInputElement>('witness-secret-confirm');
    expect(secrets).toHaveLength(3);
    expect(secrets.every((s) => s.type === 'password')).toBe(true);

    // Everyone must type, and type the same twice.
    await click('spot-check-commit');
    http.expectNone('/api/spot-checks/sc1/commit');
    expect(q('spot-check-step-error')!.textContent).toContain('请每位见证人输入密钥');
    for (const [i, secret] of SECRETS.entries()) {
      await type(secrets[i]!, secret);
      await type(confirms[i]!, i === 1 ? 'typo' : secret);
    }
    await click('spot-check-commit');
    http.expectNone('/api/spot-checks/sc1/commit');
    expect(q('spot-check-step-error')!.textContent).toContain('公证员 李四两次输入的密钥不一致');
    await type(confirms[1]!, SECRETS[1]!);

    await click('spot-check-commit');
    const post = http.expectOne('/api/spot-checks/sc1/commit');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ witnessCommitments: [SHA256_ABC, sha256(SECRETS[1]!), sha256(SECRETS[2]!)] });
    const sent = JSON.stringify(post.request.body);
    for (const secret of SECRETS.slice(1)) expect(sent).not.toContain(secret);
    expect(Object.keys(post.request.body)).toEqual(['witnessCommitments']);
    post.flush(fakeCommittedSpotCheck());
    await tick();
    flushRecord('flush');
    await stable();

    expect(q('spot-check-commitment')!.textContent).toBe(COMMITMENT);
    expect(q('spot-check-committed-at')!.textContent).toContain('2027-09-02 10:00:00');
    expect(q('spot-check-published')!.textContent).toContain('承诺值已公开：抽取前冻结的机构名录和检查人员名录、算法版本、抽取比例和见证人承诺');
    expect(q('spot-check-status')!.textContent!.trim()).toBe('已公开承诺');
    // On to the draw; the secrets typed at the commitment are not kept.
    expect(q('spot-check-draw')).not.toBeNull();
    expect(all<HTMLInputElement>('witness-secret').every((s) => s.value === '')).toBe(true);
  });

  it('ticks each re-typed secret that matches its commitment, refuses a wrong one, and draws with the secrets and the beacon', async () => {
    const { q, all, type, click, stable, tick } = await open(fakeCommittedSpotCheck({ beaconRequired: true }));
    expect(q('spot-check-commitment')!.textContent).toBe(COMMITMENT);
    const secrets = all<HTMLInputElement>('witness-secret');
    expect(secrets).toHaveLength(3);
    await type(secrets[0]!, 'abc');
    await type(secrets[1]!, 'wrong');
    await type(secrets[2]!, SECRETS[2]!);
    const rows = all('spot-check-witness');
    expect(q('witness-match', rows[0])).not.toBeNull();
    expect(q('witness-mismatch', rows[1])).not.toBeNull();
    expect(q('witness-match', rows[2])).not.toBeNull();

    // The beacon is required for this one.
    await click('spot-check-draw');
    http.expectNone('/api/spot-checks/sc1/draw');
    expect(q('spot-check-step-error')!.textContent).toContain('须输入公共随机信标');
    await type(q<HTMLInputElement>('spot-check-beacon')!, ' 2027105 ');
    await click('spot-check-draw');
    http.expectNone('/api/spot-checks/sc1/draw');
    expect(q('spot-check-step-error')!.textContent).toContain('公证员 李四的密钥与其承诺不一致');

    await type(secrets[1]!, SECRETS[1]!);
    expect(q('witness-match', all('spot-check-witness')[1])).not.toBeNull();
    await click('spot-check-draw');
    const post = http.expectOne('/api/spot-checks/sc1/draw');
    expect(post.request.body).toEqual({ witnessSecrets: SECRETS, beacon: '2027105' });
    post.flush(fakeDrawnSpotCheck({ beaconRequired: true }));
    await tick();
    http.expectOne('/api/inspections?page=1&pageSize=100&spotCheckId=sc1').flush({ items: [fakeInspection()], total: 14 });
    await stable();

    expect(q('spot-check-result-hash')!.textContent).toBe(RESULT_HASH);
    const strata = [...q('strata-table')!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(strata).toEqual([
      ['南京市', '医院', '三级', '20', '20%', '4'],
      ['苏州市', '零售药店', '不分级', '100', '10%', '10'],
    ]);
    expect(q('exclusion-same-city')!.textContent).toBe('2');
    expect(q('exclusion-linked')!.textContent).toBe('1');
    expect(q('exclusion-last-year')!.textContent).toBe('3');
    expect(q('spot-check-inspection-row')!.textContent).toContain('苏州康宁大药房');
    expect(q('spot-check-inspection-row')!.textContent).toContain('李明');
    expect(q('spot-check-all-inspections')!.textContent).toContain('查看全部 14 项现场检查');
    expect(q('spot-check-draw')).toBeNull();
  });

  it('draws without a beacon when none is required, and names the witness the backend refuses', async () => {
    const { q, all, type, click } = await open(fakeCommittedSpotCheck(), { record: 'fail' });
    for (const [i, secret] of SECRETS.entries()) await type(all<HTMLInputElement>('witness-secret')[i]!, secret);
    // Without the record no tick can be shown; the backend decides.
    expect(q('witness-match')).toBeNull();
    await click('spot-check-draw');
    const post = http.expectOne('/api/spot-checks/sc1/draw');
    expect(post.request.body).toEqual({ witnessSecrets: SECRETS });
    post.flush(
      { error: { code: 'spot_check_reveal_mismatch', message: { zh: '见证人密钥与承诺不一致', en: 'Secret does not match' }, details: { witness: 2 } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await click('spot-check-beacon');
    expect(q('spot-check-step-error')!.textContent).toContain('见证人密钥与承诺不一致');
    expect(q('spot-check-step-error')!.textContent).toContain('机构代表 赵六的密钥与其承诺不一致');
  });

  it('verifies the stored record, showing each check, and downloads record.json', async () => {
    const { q, all, click, stable } = await open(fakeDrawnSpotCheck());
    await click('spot-check-verify');
    http.expectOne('/api/spot-checks/sc1/verify').flush(fakeVerification(['result']));
    await stable();
    const checks = all('verify-check');
    expect(checks.map((c) => [c.dataset['name'], c.getAttribute('data-ok')])).toEqual([
      ['directories', 'true'],
      ['commitment', 'true'],
      ['reveal', 'true'],
      ['seed', 'true'],
      ['result', 'false'],
    ]);
    expect(checks[4]!.textContent).toContain('✗');
    // In words in the list; the raw output (hashes, the checker's English) behind 技术细节 (issue 16).
    expect(checks[4]!.textContent).toContain('按同一随机种子重新抽取');
    expect(checks[4]!.textContent).not.toContain('result mismatch');
    expect(q('verify-technical')!.textContent).toContain('技术细节');
    expect(all('verify-check-detail').find((d) => d.dataset['name'] === 'result')!.textContent).toContain('result mismatch');
    expect(checks[0]!.textContent).toContain('✓');
    expect(q('verify-verdict')!.getAttribute('data-ok')).toBe('false');

    const created = jest.fn(() => 'blob:record');
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    try {
      await click('spot-check-record');
      const download = http.expectOne('/api/spot-checks/sc1/record.json');
      expect(download.request.responseType).toBe('blob');
      download.flush(new Blob(['{}'], { type: 'application/json' }));
      await stable();
      expect(created).toHaveBeenCalled();
      expect(clicked).toHaveBeenCalled();
    } finally {
      clicked.mockRestore();
    }
  });

  it('folds the draw’s detail and the history away, one click to open (issue 16: a 7,000 px page)', async () => {
    const { q, el, stable } = await open(fakeDrawnSpotCheck());
    for (const panel of ['strata-panel', 'exclusions-panel', 'history-panel']) {
      expect([panel, q(panel)!.classList.contains('ant-collapse-item-active')]).toEqual([panel, false]);
    }
    expect(q('strata-panel')!.textContent).toContain('分层抽取明细（2 层）');
    expect(q('history-panel')!.textContent).toContain('办理记录（1 条）');
    // The inspections sent, the main business of a drawn spot-check, stay in view.
    expect(q('spot-check-inspections')!.closest('nz-collapse')).toBeNull();
    q('strata-panel')!.querySelector<HTMLElement>('.ant-collapse-header')!.click();
    await stable();
    expect(q('strata-panel')!.classList).toContain('ant-collapse-item-active');
    expect(el.querySelectorAll('[data-testid="strata-row"]')).toHaveLength(2);
  });

  it('links to its inspections in the searchable list (search, sort, the 检查台账 export), however few', async () => {
    const { q } = await open(fakeDrawnSpotCheck(), { inspections: { items: [fakeInspection()], total: 1 } });
    const link = q('spot-check-all-inspections')!;
    expect(link.textContent).toContain('查看全部 1 项现场检查（检索、排序、导出台账）');
    expect(link.getAttribute('href')).toBe('/province/spot-checks/inspections?spotCheckId=sc1');
  });

  it('is read-only for a city user: no secrets, no draw', async () => {
    const { q, el } = await open(fakeSpotCheck(), { me: fakeCityReviewer(), section: 'local' });
    expect(q('witness-secret')).toBeNull();
    expect(q('spot-check-commit')).toBeNull();
    expect(q('spot-check-waiting')!.textContent).toContain('等待省级抽查组织见证人公开承诺');
    expect(el.textContent).toContain('2027年定点医药机构抽查');
    // The history's verbs in Chinese, not the backend's "created" (issue 16).
    expect(q('spot-check-history')!.textContent).toContain('江苏省医疗保障局 · 创建抽查');
    expect(q('spot-check-history')!.textContent).not.toContain('created');
  });

  it('is read-only for the national overseer on a committed spot-check', async () => {
    const { q } = await open(fakeCommittedSpotCheck(), { me: fakeProvinceUser(['national_overseer']) });
    expect(q('spot-check-commitment')!.textContent).toBe(COMMITMENT);
    expect(q('witness-secret')).toBeNull();
    expect(q('spot-check-draw')).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../testing/fakes';
import { isPublicPage } from '../core/boot';
import { sectionsFor } from '../shell/navigation';
import { leadingZeroBits, solveProofOfWork } from './proof-of-work';
import { type TipDraft, missingFields, submissionOf } from './public-tip-form';
import { tipActions } from './tip-detail';
import { PublicTipsApi, type TipView } from './tips-api';

const nodeDigest = async (d: Uint8Array) => {
  const h = createHash('sha256').update(d).digest();
  return h.buffer.slice(h.byteOffset, h.byteOffset + h.byteLength) as ArrayBuffer;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const draft = (over: Partial<TipDraft> = {}): TipDraft => ({
  anonymous: true, name: '', phone: '', idNumber: '', institution: null, personReported: '', regionCode: '', facts: '', happenedOn: '', amount: null, ...over,
});
const INSTITUTION = { id: 'inst-320102-0001', name: '南京玄武康宁医院', regionCode: '320102', regionName: '玄武区' };

describe('the public tip form', () => {
  it('asks for the reporter only when named, a subject and facts of 10+ characters', () => {
    expect(missingFields(draft())).toEqual(['tips.form.institution', 'tips.form.facts']);
    expect(missingFields(draft({ anonymous: false, institution: INSTITUTION, facts: '一二三四五六七八九十' }))).toEqual(['tips.form.name', 'tips.form.phone']);
    expect(missingFields(draft({ personReported: '某人', facts: '一二三四五六七八九十' }))).toEqual([]);
  });

  it('sends no reporter for an anonymous tip, and only the filled fields', () => {
    const anonymous = submissionOf(draft({ name: '遗留的姓名', phone: '139', institution: INSTITUTION, facts: ' 挂床住院套取医保基金 ' }), []);
    expect(anonymous).toEqual({ anonymous: true, institutionOrgId: INSTITUTION.id, facts: '挂床住院套取医保基金' });
    const named = submissionOf(draft({ anonymous: false, name: '李四', phone: '13900000000', personReported: '王某', regionCode: '320102', facts: '挂床住院套取医保基金', amount: 1200.5, happenedOn: '2026-10-01' }), ['tok']);
    expect(named).toEqual({
      anonymous: false, reporter: { name: '李四', phone: '13900000000' }, personReported: '王某', regionCode: '320102', facts: '挂床住院套取医保基金',
      happenedOn: '2026-10-01', amountInvolved: 1200.5, evidence: ['tok'],
    });
  });
});

describe('the proof of work', () => {
  it('finds a nonce whose SHA-256 has the leading zero bits the server checks', async () => {
    const nonce = await solveProofOfWork('challenge.sig', 8, nodeDigest);
    expect(leadingZeroBits(createHash('sha256').update(`challenge.sig:${nonce}`).digest())).toBeGreaterThanOrEqual(8);
    expect(leadingZeroBits(new Uint8Array([0, 0x10]))).toBe(11);
  });
});

describe('the public pages need no sign-in', () => {
  it('recognizes the public paths only', () => {
    expect(isPublicPage('/public/tips')).toBe(true);
    expect(isPublicPage('/public/tips/receipt')).toBe(true);
    expect(isPublicPage('/publications')).toBe(false);
    expect(isPublicPage('/local/tips/list')).toBe(false);
  });

  it('calls the public API without a token', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const http = TestBed.inject(HttpTestingController);
    TestBed.inject(PublicTipsApi).receipt('1234567890123456').subscribe();
    await settle();
    const req = http.expectOne('/api/public/tips/receipt');
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(req.request.body).toEqual({ receipt: '1234567890123456' });
    req.flush({});
    http.verify();
  });
});

describe('the intake pages', () => {
  it('show 举报受理 to bureau staff and leaders, not to agency staff', () => {
    const items = (roles: Parameters<typeof sectionsFor>[0], kind: 'bureau' | 'agency') => sectionsFor(roles, kind).flatMap((s) => s.items.map((i) => `${s.id}/${i.id}`));
    expect(items(['county_staff'], 'bureau')).toContain('local/tips');
    expect(items(['county_staff'], 'agency')).not.toContain('local/tips');
    expect(items(['leader'], 'bureau')).toContain('leader/tips');
  });

  it('offer each action only to whom the API allows it', () => {
    const base = { status: 'received', mayHandle: true, mayDecide: true, mayReadReporter: true, mayApproveReward: false, reward: null, rewardStatus: null, leadOutcome: null } as unknown as TipView;
    expect(tipActions(base)).toMatchObject({ decide: true, ask: true, readReporter: true, propose: false, approve: false, pay: false });
    const investigator = { ...base, mayHandle: false, mayDecide: false, mayReadReporter: false } as TipView;
    expect(tipActions(investigator)).toMatchObject({ decide: false, ask: false, readReporter: false });
    const confirmed = { ...base, status: 'accepted', mayDecide: false, leadOutcome: { status: 'closed', result: 'violation_confirmed', confirmedAmount: 1000, closedAt: null } } as TipView;
    expect(tipActions(confirmed).propose).toBe(true);
    // an anonymous tip: no reporter to read, but intake staff still propose its reward (the browser test found the button missing)
    expect(tipActions({ ...confirmed, mayReadReporter: false } as TipView)).toMatchObject({ propose: true, readReporter: false });
    const leader = { ...confirmed, mayHandle: false, mayReadReporter: true, mayApproveReward: true, reward: { status: 'proposed' } } as unknown as TipView;
    expect(tipActions(leader)).toMatchObject({ approve: true, propose: false, pay: false });
    const claimed = { ...confirmed, reward: { status: 'claimed' }, rewardStatus: 'claimed' } as unknown as TipView;
    expect(tipActions(claimed)).toMatchObject({ pay: true, propose: false });
  });
});

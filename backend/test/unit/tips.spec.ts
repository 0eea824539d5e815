import { randomBytes } from 'node:crypto';
import { DEFAULT_REWARD_RULES, proposedReward, rewardRulesFrom } from '../../src/contexts/tips/domain/reward-rules.js';
import { checkFacts, checkReporter } from '../../src/contexts/tips/domain/tip.js';
import { leadingZeroBits } from '../../src/contexts/tips/infrastructure/proof-of-work.js';
import { newReceiptCode, normalizeReceipt, openEnvelope, sealEnvelope } from '../../src/contexts/tips/infrastructure/tip-crypto.js';

describe('the reward rules (医保办发〔2022〕22号 defaults)', () => {
  it('takes the share of the confirmed amount within 200 and 200,000 yuan', () => {
    expect(proposedReward(86_000, DEFAULT_REWARD_RULES)).toBe(3440);
    expect(proposedReward(1_000, DEFAULT_REWARD_RULES)).toBe(200);
    expect(proposedReward(50_000_000, DEFAULT_REWARD_RULES)).toBe(200_000);
  });

  it('sums cumulative bands, and refuses malformed configuration', () => {
    const rules = rewardRulesFrom(JSON.stringify({ bands: [{ upTo: 500_000, rate: 0.02 }, { upTo: null, rate: 0.04 }], minimum: 500, maximum: 200_000 }));
    expect(proposedReward(600_000, rules)).toBe(14_000);
    expect(proposedReward(10_000, rules)).toBe(500);
    expect(() => rewardRulesFrom(JSON.stringify({ bands: [{ upTo: null, rate: 2 }], minimum: 0, maximum: 1 }))).toThrow(/TIPS_REWARD_RULES/);
    expect(() => rewardRulesFrom(JSON.stringify({ bands: [{ upTo: 10, rate: 0.1 }, { upTo: 5, rate: 0.1 }], minimum: 0, maximum: 1 }))).toThrow();
  });
});

describe('the reporter envelope', () => {
  it('opens with the key and record it was sealed for, and with nothing else', () => {
    const kek = randomBytes(32);
    const sealed = sealEnvelope(kek, 'tip-1', { name: '王五', phone: '13800000000' });
    expect(sealed.toString('latin1')).not.toContain('13800000000');
    expect(openEnvelope(kek, 'tip-1', sealed)).toEqual({ name: '王五', phone: '13800000000' });
    expect(() => openEnvelope(randomBytes(32), 'tip-1', sealed)).toThrow();
    expect(() => openEnvelope(kek, 'tip-2', sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openEnvelope(kek, 'tip-1', altered)).toThrow();
    // a fresh data key each time
    expect(sealEnvelope(kek, 'tip-1', { a: 1 }).equals(sealEnvelope(kek, 'tip-1', { a: 1 }))).toBe(false);
  });
});

describe('receipt codes and the proof of work', () => {
  it('makes 16-digit codes and reads them back with spaces or dashes only', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newReceiptCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^\d{16}$/);
    expect(normalizeReceipt('1234 5678-9012 3456')).toBe('1234567890123456');
    expect(normalizeReceipt('123456789012345')).toBeNull();
    expect(normalizeReceipt(1234567890123456)).toBeNull();
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Buffer.from([0x0f]))).toBe(4);
    expect(leadingZeroBits(Buffer.from([0xff]))).toBe(0);
  });
});

describe('checking what the public form sends', () => {
  it('needs an institution or a person, facts of 10+ characters, a date not in the future', () => {
    expect(() => checkFacts({ facts: '一二三四五六七八九十' }, '2026-12-07')).toThrow(expect.objectContaining({ code: 'tip_subject_missing' }));
    expect(() => checkFacts({ institutionOrgId: 'x', facts: '太短' }, '2026-12-07')).toThrow(expect.objectContaining({ details: { field: 'facts' } }));
    expect(() => checkFacts({ institutionOrgId: 'x', facts: '一二三四五六七八九十', happenedOn: '2026-12-08' }, '2026-12-07')).toThrow(expect.objectContaining({ details: { field: 'happenedOn' } }));
    expect(checkFacts({ institutionOrgId: 'x', facts: ' 一二三四五六七八九十 ', amountInvolved: 12.5 }, '2026-12-07'))
      .toEqual({ institutionOrgId: 'x', personReported: null, facts: '一二三四五六七八九十', happenedOn: null, amountInvolved: 12.5 });
  });

  it('checks the reporter without repeating a value in the message', () => {
    let err: Error | undefined;
    try { checkReporter({ name: '张三', phone: '张三的电话' }); } catch (e) { err = e as Error; }
    expect(err).toBeDefined();
    expect(JSON.stringify(err)).not.toContain('张三');
    expect(err!.message).not.toContain('张三');
    expect(checkReporter({ name: ' 张三 ', phone: '139 1234 5678', idNumber: '32010219900101123x' })).toEqual({ name: '张三', phone: '139 1234 5678', idNumber: '32010219900101123X' });
  });
});

import { TestBed } from '@angular/core/testing';
import { TranslationService } from '../i18n/translation';
import { MoneyPipe, amountInputText, amountOf, formatMoney, formatMoneyScaled, formatMoneyTick, formatYuan, money } from './money';

describe('money formatter', () => {
  it('formats an exact amount with thousands separators and two decimals', () => {
    expect(formatYuan(163600)).toBe('163,600.00');
    expect(formatYuan(35600)).toBe('35,600.00');
    expect(formatYuan('163600.5')).toBe('163,600.50');
    expect(formatYuan(0.005)).toBe('0.01');
    expect(formatMoney(163600)).toBe('163,600.00 元');
    expect(formatMoney(163600, 'en')).toBe('163,600.00 yuan');
  });

  it('scales to 万元 from 10,000 and to 亿元 from 100 million', () => {
    expect(formatMoneyScaled(9999.99)).toBe('9,999.99 元');
    expect(formatMoneyScaled(10000)).toBe('1.00 万元');
    expect(formatMoneyScaled(163600)).toBe('16.36 万元');
    expect(formatMoneyScaled(7171270)).toBe('717.13 万元');
    expect(formatMoneyScaled(99_999_999)).toBe('10,000.00 万元');
    expect(formatMoneyScaled(100_000_000)).toBe('1.00 亿元');
    expect(formatMoneyScaled(717_000_000)).toBe('7.17 亿元');
    expect(formatMoneyScaled(12_345_678_901)).toBe('123.46 亿元');
  });

  it('keeps the sign of a negative amount in every form', () => {
    expect(formatYuan(-1200.5)).toBe('-1,200.50');
    expect(formatMoney(-1200.5)).toBe('-1,200.50 元');
    expect(formatMoneyScaled(-15000)).toBe('-1.50 万元');
    expect(formatMoneyScaled(-250_000_000)).toBe('-2.50 亿元');
    expect(formatMoneyScaled(-15000, 'en')).toBe('-15.00k yuan');
  });

  it('shows zero as zero, never as a negative zero', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-0)).toBe('0.00');
    expect(formatYuan(-0.001)).toBe('0.00');
    expect(formatMoney(0)).toBe('0.00 元');
    expect(formatMoneyScaled(0)).toBe('0.00 元');
    expect(formatMoneyScaled(0, 'en')).toBe('0.00 yuan');
  });

  it('shows a dash for no amount (null, undefined, empty, not a number), never 0.00', () => {
    for (const none of [null, undefined, '', '  ', 'abc', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(amountOf(none)).toBeNull();
      expect(formatYuan(none)).toBe('—');
      expect(formatMoney(none)).toBe('—');
      expect(formatMoneyScaled(none, 'en')).toBe('—');
    }
  });

  it('scales the Western way in English: thousands from 10,000, millions, billions', () => {
    expect(formatMoneyScaled(9999, 'en')).toBe('9,999.00 yuan');
    expect(formatMoneyScaled(163600, 'en')).toBe('163.60k yuan');
    expect(formatMoneyScaled(7_171_270, 'en')).toBe('7.17m yuan');
    expect(formatMoneyScaled(717_000_000, 'en')).toBe('717.00m yuan');
    expect(formatMoneyScaled(1_200_000_000, 'en')).toBe('1.20bn yuan');
  });

  it('drops zero decimals on axis ticks', () => {
    expect(formatMoneyTick(200000)).toBe('20 万元');
    expect(formatMoneyTick(150_000_000)).toBe('1.5 亿元');
    expect(formatMoneyTick(1200)).toBe('1,200 元');
    expect(formatMoneyTick(0, 'en')).toBe('0 yuan');
    expect(formatMoneyTick(16360)).toBe('1.64 万元');
  });

  it('gives an input field a value it can parse back: no separators, no unit', () => {
    expect(amountInputText(35600)).toBe('35600');
    expect(amountInputText(1200.5)).toBe('1200.50');
    expect(amountInputText(-3.456)).toBe('-3.46');
  });

  it('picks the form by name', () => {
    expect(money(163600)).toBe('163,600.00');
    expect(money(163600, 'exact')).toBe('163,600.00 元');
    expect(money(163600, 'scaled', 'en')).toBe('163.60k yuan');
  });

  it('the pipe follows the language', () => {
    TestBed.configureTestingModule({ providers: [MoneyPipe] });
    const pipe = TestBed.inject(MoneyPipe);
    const i18n = TestBed.inject(TranslationService);
    i18n.use('zh-CN');
    expect(pipe.transform(163600, 'scaled')).toBe('16.36 万元');
    expect(pipe.transform(163600)).toBe('163,600.00');
    i18n.use('en');
    expect(pipe.transform(163600, 'scaled')).toBe('163.60k yuan');
    expect(pipe.transform('163600', 'exact')).toBe('163,600.00 yuan');
    i18n.use('zh-CN');
  });
});

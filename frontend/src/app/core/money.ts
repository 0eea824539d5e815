import { Pipe, type PipeTransform, inject } from '@angular/core';
import { type Lang, TranslationService } from '../i18n/translation';

/**
 * The one money formatter of the frontend (issue 16, item 7). Every amount on every page goes
 * through here; nothing else formats yuan (no `| number: '1.2-2'`, no `toFixed(2)` for display,
 * no hand-written "元").
 *
 * Three forms:
 * - `plain`  — `163,600.00`: thousands separators, always two decimals. For table cells and
 *   fields whose label already carries the unit (`涉及金额（元）`), and for the `{amount}` of a
 *   sentence whose dictionary text says `元`/`yuan` itself.
 * - `exact`  — `163,600.00 元` (the Chinese government convention: figure, space, 元);
 *   English `163,600.00 yuan`.
 * - `scaled` — for dashboards and other large figures: from 10,000 yuan on in 万元, from 100 million
 *   on in 亿元, two decimals (`16.36 万元`, `7.17 亿元`); below 10,000 the exact form. English does
 *   not count in 万: it scales the Western way with the same first threshold, so a figure changes
 *   form at the same point in both languages — from 10,000 in thousands (`163.60k yuan`), from
 *   1 million in millions (`7.17m yuan`), from 1 billion in billions (`1.20bn yuan`). The exact figure
 *   stays one click away (every dashboard number links to its list) and in the element's `title`.
 *
 * Null, undefined, an empty string or something that is no number render as `—` (never `0.00`,
 * which would claim a figure). Negative amounts keep their sign in front (`-1,200.50 元`,
 * `-1.50 万元`). Strings are accepted because the API sends some decimals as strings.
 */
export type MoneyForm = 'plain' | 'exact' | 'scaled';

export const NO_AMOUNT = '—';

const TWO_DECIMALS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface Scale {
  readonly from: number;
  readonly divisor: number;
  readonly unit: string;
}

// Largest first.
const ZH_SCALES: readonly Scale[] = [
  { from: 1e8, divisor: 1e8, unit: ' 亿元' },
  { from: 1e4, divisor: 1e4, unit: ' 万元' },
];
const EN_SCALES: readonly Scale[] = [
  { from: 1e9, divisor: 1e9, unit: 'bn yuan' },
  { from: 1e6, divisor: 1e6, unit: 'm yuan' },
  { from: 1e4, divisor: 1e3, unit: 'k yuan' },
];

/** The amount as a number, or null when there is none. */
export function amountOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** `163600` → `163,600.00` (the figure only; the label or the sentence says 元). */
export function formatYuan(value: number | string | null | undefined): string {
  const n = amountOf(value);
  // Below half a fen rounds to zero: shown as 0.00, not -0.00.
  return n === null ? NO_AMOUNT : TWO_DECIMALS.format(Math.abs(n) < 0.005 ? 0 : n);
}

/** `163600` → `163,600.00 元` / `163,600.00 yuan`. */
export function formatMoney(value: number | string | null | undefined, lang: Lang = 'zh-CN'): string {
  const n = amountOf(value);
  if (n === null) return NO_AMOUNT;
  return `${formatYuan(n)}${lang === 'en' ? ' yuan' : ' 元'}`;
}

/** `163600` → `16.36 万元`, `717000000` → `7.17 亿元`; English `163.60k yuan`, `717.00m yuan`. */
export function formatMoneyScaled(value: number | string | null | undefined, lang: Lang = 'zh-CN'): string {
  const n = amountOf(value);
  if (n === null) return NO_AMOUNT;
  const scale = (lang === 'en' ? EN_SCALES : ZH_SCALES).find((s) => Math.abs(n) >= s.from);
  if (!scale) return formatMoney(n, lang);
  return `${TWO_DECIMALS.format(n / scale.divisor)}${scale.unit}`;
}

/** An axis tick: the scaled form without decimals that are zero (`20 万元`, `1.5 亿元`, `0 元`). */
export function formatMoneyTick(value: number, lang: Lang = 'zh-CN'): string {
  return formatMoneyScaled(value, lang).replace(/\.00(?=\D|$)/, '').replace(/(\.\d)0(?=\D|$)/, '$1');
}

/**
 * An amount as the value of an input field (editing, not display): no separators, no unit,
 * whole yuan without decimals (`35600`, `1200.50`). Separators would not parse back.
 */
export function amountInputText(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

/** One entry point for the three forms. */
export function money(value: number | string | null | undefined, form: MoneyForm = 'plain', lang: Lang = 'zh-CN'): string {
  if (form === 'exact') return formatMoney(value, lang);
  if (form === 'scaled') return formatMoneyScaled(value, lang);
  return formatYuan(value);
}

/**
 * `{{ amount | money }}` → `163,600.00`; `{{ amount | money: 'exact' }}` → `163,600.00 元`;
 * `{{ amount | money: 'scaled' }}` → `16.36 万元`. Impure like `t`: the unit follows the language
 * signal. Put it in an element with class `money` (no wrapping; see styles.css).
 */
@Pipe({ name: 'money', pure: false })
export class MoneyPipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(value: number | string | null | undefined, form: MoneyForm = 'plain'): string {
    return money(value, form, this.i18n.lang());
  }
}

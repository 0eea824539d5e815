import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import { type Dictionary, type TranslationKey, en, zhCN } from './dictionaries';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const LANG_STORAGE_KEY = 'fundsup.lang';

const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zhCN, en };

export type TranslationParams = Record<string, string | number>;

/**
 * Runtime-switchable UI language. Angular's built-in i18n is resolved at build time (one bundle
 * per locale), which cannot switch without a reload, so the strings live in signals instead.
 */
@Injectable({ providedIn: 'root' })
export class TranslationService {
  private readonly document = inject(DOCUMENT);
  private readonly nzI18n = inject(NzI18nService);
  private readonly current = signal<Lang>(this.storedLang() ?? 'zh-CN');

  readonly lang = this.current.asReadonly();
  readonly isZh = computed(() => this.current() === 'zh-CN');

  constructor() {
    this.apply(this.current());
  }

  use(lang: Lang): void {
    this.current.set(lang);
    try {
      this.document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled by policy; the choice then lasts for this tab only.
    }
    this.apply(lang);
  }

  toggle(): void {
    this.use(this.isZh() ? 'en' : 'zh-CN');
  }

  /** Reads the language signal, so templates and computeds re-render when it changes. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const text = DICTIONARIES[this.current()][key] ?? key;
    return params ? interpolate(text, params) : text;
  }

  /** Picks the side of a bilingual backend value (notifications, error messages). */
  pick(zh: string, english: string): string {
    return this.isZh() ? zh : english || zh;
  }

  private apply(lang: Lang): void {
    this.document.documentElement.lang = lang;
    this.nzI18n.setLocale(lang === 'zh-CN' ? zh_CN : en_US);
  }

  private storedLang(): Lang | null {
    try {
      const value = this.document.defaultView?.localStorage.getItem(LANG_STORAGE_KEY);
      return LANGS.includes(value as Lang) ? (value as Lang) : null;
    } catch {
      return null;
    }
  }
}

function interpolate(text: string, params: TranslationParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

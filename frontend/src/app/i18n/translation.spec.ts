import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { TPipe } from './t-pipe';
import { LANG_STORAGE_KEY, TranslationService } from './translation';

@Component({
  selector: 'app-t-host',
  imports: [TPipe],
  template: `<span id="pipe">{{ 'nav.home' | t }}</span><span id="fn">{{ i18n.t('app.title') }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class THost {
  protected readonly i18n = inject(TranslationService);
}

describe('TranslationService', () => {
  beforeEach(() => localStorage.clear());

  it('defaults to Simplified Chinese', () => {
    const i18n = TestBed.inject(TranslationService);
    expect(i18n.lang()).toBe('zh-CN');
    expect(i18n.t('nav.home')).toBe('首页');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('zh-cn');
  });

  it('switches to English and back, updating ng-zorro, <html lang> and localStorage', () => {
    const i18n = TestBed.inject(TranslationService);
    i18n.use('en');
    expect(i18n.t('nav.home')).toBe('Home');
    expect(document.documentElement.lang).toBe('en');
    expect(TestBed.inject(NzI18nService).getLocaleId()).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');

    i18n.toggle();
    expect(i18n.lang()).toBe('zh-CN');
    expect(i18n.t('nav.home')).toBe('首页');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('zh-CN');
  });

  it('restores the persisted choice on startup and ignores junk values', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    expect(TestBed.inject(TranslationService).lang()).toBe('en');

    TestBed.resetTestingModule();
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(TestBed.inject(TranslationService).lang()).toBe('zh-CN');
  });

  it('interpolates parameters and picks the right side of bilingual values', () => {
    const i18n = TestBed.inject(TranslationService);
    expect(i18n.t('header.unread', { count: 3 })).toBe('3 条未读');
    expect(i18n.pick('争议', 'Dispute')).toBe('争议');
    i18n.use('en');
    expect(i18n.t('header.unread', { count: 3 })).toBe('3 unread');
    expect(i18n.pick('争议', 'Dispute')).toBe('Dispute');
    // Fall back to Chinese rather than show nothing when a record has no English text.
    expect(i18n.pick('争议', '')).toBe('争议');
  });

  it('re-renders OnPush templates (pipe and function) when the language changes', async () => {
    const fixture = TestBed.createComponent(THost);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('#pipe')!.textContent).toBe('首页');
    expect(el.querySelector('#fn')!.textContent).toBe('医保基金监管平台');

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(el.querySelector('#pipe')!.textContent).toBe('Home');
    expect(el.querySelector('#fn')!.textContent).toBe('Medical Insurance Fund Supervision');
  });
});

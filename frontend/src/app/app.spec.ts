import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from './app.routes';
import { CurrentUser } from './core/current-user';
import { TranslatedTitleStrategy } from './core/title-strategy';
import { TranslationService } from './i18n/translation';
import { fakeMe, provideTestApp } from './testing/fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('App routes (shell + home)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).match(() => true));

  it('renders every stable test hook on / and titles the page in the current language', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...provideTestApp({ routes }), { provide: TitleStrategy, useExisting: TranslatedTitleStrategy }],
    });
    TestBed.inject(CurrentUser).set(fakeMe(['city_agency_staff']));

    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');
    await settle();
    TestBed.inject(HttpTestingController).expectOne('/api/notifications/unread-count').flush({ count: 2 });
    harness.detectChanges();
    await harness.fixture.whenStable();

    const el = harness.routeNativeElement as HTMLElement;
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
    expect(text('home-role')).toBe('市级经办机构');
    expect(text('home-region')).toBe('江苏省 / 南京市 / 玄武区');
    expect(text('home-org')).toContain('南京市玄武区医疗保障局');
    expect(text('unread-count')).toBe('2');
    expect(el.querySelector('[data-testid="logout"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="lang-switch"]')).not.toBeNull();
    expect(TestBed.inject(Title).getTitle()).toBe('首页 · 医保基金监管平台');

    TestBed.inject(TranslationService).use('en');
    await harness.fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe('Home · Medical Insurance Fund Supervision');
    expect(text('home-role')).toBe('City agency staff');
  });
});

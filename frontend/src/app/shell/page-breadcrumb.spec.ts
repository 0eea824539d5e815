import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslationService } from '../i18n/translation';
import { provideTestApp } from '../testing/fakes';
import { PageBreadcrumb } from './page-breadcrumb';

@Component({ selector: 'app-stub', template: 'page' })
class Stub {}

// Issue 16 item 8: a detail page tells where it is and leads back to its menu entry.
describe('Page breadcrumb', () => {
  async function at(url: string) {
    TestBed.configureTestingModule({
      providers: provideTestApp({
        routes: [
          {
            path: 'province',
            children: [
              {
                path: 'spot-checks',
                children: [
                  { path: '', title: 'spotCheck.list.title', component: Stub },
                  { path: 'check/:id', title: 'spotCheck.detail.title', component: Stub },
                ],
              },
            ],
          },
        ],
      }),
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const fixture = TestBed.createComponent(PageBreadcrumb);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const crumbs = () => [...el.querySelectorAll('[data-testid^="page-crumb-"]')].map((c) => c.textContent!.trim());
    return { el, fixture, crumbs };
  }

  it('on a detail page: 首页 › the section › its entry (linked) › the page', async () => {
    const { el, crumbs } = await at('/province/spot-checks/check/sc1');
    expect(crumbs()).toEqual(['首页', '省级监管', '抽查', '抽查任务详情']);
    expect(el.querySelector('[data-testid="page-crumb-0"]')!.getAttribute('href')).toBe('/');
    expect(el.querySelector('[data-testid="page-crumb-2"]')!.getAttribute('href')).toBe('/province/spot-checks');
    expect(el.querySelector('[data-testid="page-crumb-3"]')!.getAttribute('aria-current')).toBe('page');
    expect(el.querySelector('nav')!.getAttribute('aria-label')).toBe('页面路径');
  });

  it('follows the language', async () => {
    const { fixture, crumbs } = await at('/province/spot-checks/check/sc1');
    TestBed.inject(TranslationService).use('en');
    fixture.detectChanges();
    expect(crumbs()[0]).toBe('Home');
  });

  it('stays away from the entries’ own pages (the menu leads there)', async () => {
    const { el } = await at('/province/spot-checks');
    expect(el.querySelector('[data-testid="page-breadcrumb"]')).toBeNull();
  });
});

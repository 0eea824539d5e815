import { jest } from '@jest/globals';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { NgControl } from '@angular/forms';
import { By } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Organization } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { fakeMe, provideTestApp } from '../testing/fakes';
import { NoticeForm } from './notice-form';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

@Component({ selector: 'app-routed-stub', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class RoutedStub {}

const org = (id: string, name: string, kind: Organization['kind']): Organization => ({
  id,
  name,
  kind,
  institutionType: kind === 'institution' ? 'hospital' : null,
  institutionLevel: null,
  regionCode: '320102',
  regionPath: '/32/3201/320102/',
});

describe('Notice form', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: provideTestApp({ routes: [{ path: 'notices/:id', component: RoutedStub }] }),
    });
    TestBed.inject(CurrentUser).set(fakeMe(['county_staff']));
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(NoticeForm);
    fixture.detectChanges();
    await settle();
    const orgs = http.expectOne('/api/organizations?limit=500');
    expect(orgs.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    orgs.flush({
      items: [
        org('org-1', '南京市玄武区医疗保障局', 'bureau'),
        org('agency-320102', '玄武区医保经办中心', 'agency'),
        org('h-1', '南京市第一医院', 'institution'),
        org('p-1', '玄武大药房', 'institution'),
      ],
      total: 4,
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = async (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(
        `[data-testid="${testId}"]${testId === 'notice-days-input' ? ' input' : ''}`,
      )!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const submit = async () => {
      (el.querySelector('[data-testid="notice-form-submit"]') as HTMLButtonElement).click();
      await fixture.whenStable();
    };
    const tips = () =>
      [...el.querySelectorAll('.ant-form-item-explain-error')].map((n) => n.textContent!.trim()).filter(Boolean);
    const openPicker = async () => {
      (el.querySelector('[data-testid="notice-recipient"] .ant-select-selector') as HTMLElement).click();
      await fixture.whenStable();
    };
    /** Option labels in the open dropdown (rendered in the CDK overlay, outside the component). */
    const pickerOptions = () =>
      [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container nz-option-item')].map((o) => o.title);
    const choose = async (name: string) => {
      await openPicker();
      [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container nz-option-item')]
        .find((o) => o.title === name)!
        .click();
      await fixture.whenStable();
    };
    return { fixture, el, type, submit, tips, choose, openPicker, pickerOptions };
  }

  it('offers the organizations in the region except the user’s own, grouped and searchable', async () => {
    const { fixture, el, openPicker, pickerOptions } = await render();
    await openPicker();
    expect(pickerOptions()).toEqual(['玄武区医保经办中心', '南京市第一医院', '玄武大药房']);
    const groups = [...document.querySelectorAll('.cdk-overlay-container nz-option-item-group')].map((g) =>
      g.textContent!.trim(),
    );
    expect(groups).toEqual(['医保经办机构', '定点医药机构']);

    const search = el.querySelector<HTMLInputElement>('[data-testid="notice-recipient"] input')!;
    search.value = '医院';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(pickerOptions()).toEqual(['南京市第一医院']);
  });

  it('blocks bad input with bilingual messages and sends nothing', async () => {
    const { fixture, type, submit, tips } = await render();

    await submit();
    http.expectNone('/api/notices');
    expect(tips()).toEqual(['请选择收文单位', '请输入通知标题', '请输入通知正文']);

    await type('notice-title-input', ' 通 ');
    await type('notice-body-input', '   \n  ');
    await type('notice-days-input', '');
    await submit();
    http.expectNone('/api/notices');
    expect(tips()).toEqual(['请选择收文单位', '标题应为 2 至 200 个字符', '请输入通知正文', '请输入签收时限']);

    await type('notice-title-input', '题'.repeat(201));
    await type('notice-body-input', '文'.repeat(20_001));
    expect(tips()).toEqual(['请选择收文单位', '标题应为 2 至 200 个字符', '正文不能超过 20000 个字符', '请输入签收时限']);

    TestBed.inject(TranslationService).use('en');
    await fixture.whenStable();
    expect(tips()).toEqual([
      'Choose a recipient',
      'The title must be 2 to 200 characters',
      'The body must be at most 20000 characters',
      'Enter the acknowledgement period',
    ]);
    await submit();
    http.expectNone('/api/notices');
  });

  it('keeps the working days to a whole number from 1 to 60', async () => {
    const { fixture, choose, type, submit, tips } = await render();
    await choose('南京市第一医院');
    await type('notice-title-input', '关于开展自查自纠的通知');
    await type('notice-body-input', '请于期限内完成自查。');
    const days = fixture.debugElement.query(By.css('[data-testid="notice-days-input"]')).injector.get(NgControl).control!;

    // nz-input-number clamps and rounds what is typed on blur; the validator is the backstop.
    for (const bad of [0, 61]) {
      days.setValue(bad);
      await submit();
      http.expectNone('/api/notices');
      expect(tips()).toEqual(['签收时限应为 1 至 60 个工作日的整数']);
    }
  });

  it('posts the trimmed notice, then opens it and tells the due date', async () => {
    const { choose, type, submit, tips } = await render();
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    await choose('玄武区医保经办中心');
    await type('notice-title-input', '  关于报送2027年度监管方案的通知  ');
    await type('notice-body-input', '请于期限内报送。\n逾期将通报。\n');
    await type('notice-days-input', '10');
    await submit();
    expect(tips()).toEqual([]);

    await settle();
    const post = http.expectOne('/api/notices');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    expect(post.request.body).toEqual({
      recipientOrgId: 'agency-320102',
      title: '关于报送2027年度监管方案的通知',
      body: '请于期限内报送。\n逾期将通报。',
      workingDays: 10,
    });
    post.flush({ id: 'n-9', dueDate: '2026-12-04' }, { status: 201, statusText: 'Created' });
    await settle();
    await settle();

    expect(success).toHaveBeenCalledWith('通知已发送，签收期限为 2026-12-04。');
    expect(TestBed.inject(Router).url).toBe('/notices/n-9');
  });

  it('stays on the form when the backend refuses', async () => {
    const { fixture, choose, type, submit, el } = await render();
    await choose('南京市第一医院');
    await type('notice-title-input', '关于开展自查自纠的通知');
    await type('notice-body-input', '请于期限内完成自查。');
    await submit();
    await settle();
    http.expectOne('/api/notices').flush(
      { error: { code: 'not_found', message: { zh: '收文单位不存在', en: 'recipient organization not found' } } },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    const button = el.querySelector('[data-testid="notice-form-submit"]') as HTMLButtonElement;
    expect(button.classList).not.toContain('ant-btn-loading');
  });
});

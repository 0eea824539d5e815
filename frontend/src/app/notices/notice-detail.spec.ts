import { jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { NoticeView, Role } from '../core/models';
import { NOTICE_NOW, fakeMe, fakeNotice, provideTestApp } from '../testing/fakes';
import { NoticeDetail } from './notice-detail';
import { NOTICE_CLOCK } from './notices-api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Notice detail', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  /** Opens /notices/:id as a user of `orgId`, answering the GET with `notice`. */
  async function render(notice: NoticeView, orgId = 'org-1', roles: Role[] = ['county_staff']) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...provideTestApp(), { provide: NOTICE_CLOCK, useValue: () => NOTICE_NOW }],
    });
    TestBed.inject(CurrentUser).set(
      fakeMe(roles, { organization: { id: orgId, name: '南京市玄武区医疗保障局', kind: 'bureau' } }),
    );
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NoticeDetail);
    fixture.componentRef.setInput('id', notice.id);
    fixture.detectChanges();
    await settle();
    http.expectOne(`/api/notices/${notice.id}`).flush(notice);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    return { fixture, el, text, ack: () => el.querySelector<HTMLButtonElement>('[data-testid="notice-ack"]') };
  }

  it('lets the recipient acknowledge, then shows the refreshed state', async () => {
    const { fixture, el, text, ack } = await render(fakeNotice());
    const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');

    expect(text('notice-title')).toBe('关于报送2027年度监管方案的通知');
    expect(text('notice-from')).toBe('南京市医疗保障局');
    expect(text('notice-due')).toBe('2026-11-23');
    expect(text('notice-status')).toBe('待签收');
    expect(el.querySelector('[data-testid="notice-body"]')!.textContent).toBe('请于期限内报送。\n逾期将通报。');
    expect(text('notice-ack-bar')).toContain('期限为 2026-11-23');

    ack()!.click();
    await settle();
    const post = http.expectOne('/api/notices/n1/acknowledge');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    post.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    await settle();
    expect(success).toHaveBeenCalledWith('已签收');

    const reload = http.expectOne('/api/notices/n1');
    expect(reload.request.method).toBe('GET');
    reload.flush(fakeNotice({ status: 'acknowledged', acknowledgedAt: '2026-11-20T02:05:00Z', acknowledgedBy: 'zhangsan' }));
    await fixture.whenStable();

    expect(ack()).toBeNull();
    expect(text('notice-status')).toBe('已签收');
    expect(text('notice-acknowledged-by')).toBe('zhangsan');
    expect(text('notice-acknowledged-at')).toBe('2026-11-20 10:05');
  });

  it('still offers 签收 when overdue, and says it will show as late', async () => {
    const { text, ack } = await render(fakeNotice({ dueDate: '2026-11-18', overdue: true }));
    expect(text('notice-status')).toBe('逾期未签收');
    expect(ack()).not.toBeNull();
    expect(text('notice-ack-bar')).toContain('已超过签收期限，仍可签收');
  });

  it('reloads after a 409, when a colleague acknowledged it first', async () => {
    const { fixture, ack } = await render(fakeNotice());
    ack()!.click();
    await settle();
    http.expectOne('/api/notices/n1/acknowledge').flush(
      { error: { code: 'notice_already_acknowledged', message: { zh: '此通知已签收，无需重复签收', en: 'already' } } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    await settle();
    http.expectOne('/api/notices/n1').flush(fakeNotice({ status: 'acknowledged', acknowledgedBy: 'lisi' }));
    await fixture.whenStable();
    expect(ack()).toBeNull();
  });

  it('shows no 签收 button to the sender', async () => {
    const { text, ack, el } = await render(
      fakeNotice({ senderOrgId: 'org-1', recipientOrgId: 'h-1', recipientOrgName: '南京市第一医院' }),
      'org-1',
      ['city_agency_staff'],
    );
    expect(ack()).toBeNull();
    expect(text('notice-to')).toBe('南京市第一医院');
    expect(text('notice-status')).toBe('待签收');
    // Back to the sent box, where this notice is listed.
    expect(el.querySelector('[data-testid="notice-back"]')!.getAttribute('href')).toBe('/notices?box=sent');
  });

  it('shows no 签收 button to a viewer above the recipient', async () => {
    const { ack } = await render(fakeNotice(), 'bureau-32', ['province_official']);
    expect(ack()).toBeNull();
  });

  it('shows no 签收 button once acknowledged, late or not', async () => {
    const { text, ack } = await render(
      fakeNotice({ status: 'acknowledged', overdue: true, dueDate: '2026-11-18', acknowledgedAt: '2026-11-19T03:00:00Z' }),
    );
    expect(ack()).toBeNull();
    expect(text('notice-status')).toBe('已签收（逾期）');
  });

  it('says when the notice does not exist or is not visible', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    TestBed.inject(CurrentUser).set(fakeMe(['institution_clerk']));
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NoticeDetail);
    fixture.componentRef.setInput('id', 'missing');
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/notices/missing').flush(
      { error: { code: 'not_found', message: { zh: '通知不存在', en: 'notice not found' } } },
      { status: 404, statusText: 'Not Found' },
    );
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="notice-error"]')!.textContent).toContain(
      '通知不存在，或您无权查看。',
    );
  });
});

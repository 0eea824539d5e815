import { type EnvironmentProviders, type Provider, signal } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, type Routes, withComponentInputBinding } from '@angular/router';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { AuthService } from '../core/auth';
import { authInterceptor } from '../core/auth-interceptor';
import { APP_ICONS } from '../core/icons';
import type { Me, NoticeView, Role } from '../core/models';

/** Stands in for the Keycloak-backed AuthService: no redirects, a fixed token. */
export class FakeAuth implements Pick<AuthService, 'init' | 'getValidToken' | 'logout' | 'authenticated'> {
  readonly authenticated = signal(true).asReadonly();
  token = 'fake-access-token';
  tokenRequests = 0;
  logouts = 0;

  async init(): Promise<void> {}

  async getValidToken(): Promise<string | undefined> {
    this.tokenRequests++;
    return this.token;
  }

  async logout(): Promise<void> {
    this.logouts++;
  }
}

/** What the shell and pages need in a TestBed, minus the real IdP and backend. */
export function provideTestApp(
  options: { routes?: Routes; auth?: FakeAuth } = {},
): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    provideRouter(options.routes ?? [], withComponentInputBinding()),
    // ngx-charts (dashboards) needs an animation provider; harmless elsewhere.
    provideNoopAnimations(),
    provideNzI18n(zh_CN),
    provideNzIcons(APP_ICONS),
    { provide: AuthService, useValue: options.auth ?? new FakeAuth() },
  ];
}

/** A /api/me payload; Jiangsu → Nanjing → Xuanwu unless overridden. */
export function fakeMe(roles: Role[], overrides: Partial<Me> = {}): Me {
  const level = roles.includes('institution_clerk')
    ? 'institution'
    : roles.includes('province_official')
      ? 'province'
      : roles.includes('national_overseer')
        ? 'nation'
        : 'county';
  return {
    userId: 'u-1',
    username: 'zhangsan',
    displayName: '张三',
    roles,
    level,
    regionPath: '/32/3201/320102/',
    region: { code: '320102', name: '玄武区', level: 'county' },
    regionTrail: [
      { code: '32', name: '江苏省' },
      { code: '3201', name: '南京市' },
      { code: '320102', name: '玄武区' },
    ],
    organization: { id: 'org-1', name: '南京市玄武区医疗保障局', kind: 'bureau' },
    ...overrides,
  };
}

/** A notice from the Nanjing bureau to fakeMe's organization (org-1), not yet acknowledged. */
export function fakeNotice(overrides: Partial<NoticeView> = {}): NoticeView {
  return {
    id: 'n1',
    title: '关于报送2027年度监管方案的通知',
    body: '请于期限内报送。\n逾期将通报。',
    senderOrgId: 'bureau-3201',
    senderOrgName: '南京市医疗保障局',
    recipientOrgId: 'org-1',
    recipientOrgName: '南京市玄武区医疗保障局',
    sentAt: '2026-11-16T01:00:00Z',
    dueDate: '2026-11-23',
    status: 'sent',
    overdue: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...overrides,
  };
}

/** A fixed "now" for notice countdowns: 2026-11-20 10:00 in China. */
export const NOTICE_NOW = new Date('2026-11-20T02:00:00Z');

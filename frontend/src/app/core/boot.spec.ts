import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FakeAuth, fakeMe, provideTestApp } from '../testing/fakes';
import { keycloakConfigFor } from './auth';
import { BootState, startSession } from './boot';
import { CurrentUser } from './current-user';
import { RuntimeConfigService } from './runtime-config';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startSession', () => {
  let auth: FakeAuth;
  let http: HttpTestingController;

  beforeEach(() => {
    auth = new FakeAuth();
    TestBed.configureTestingModule({ providers: provideTestApp({ auth }) });
    http = TestBed.inject(HttpTestingController);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => http.verify());

  it('loads config, signs in with its issuer, then loads the profile', async () => {
    const init = jest.spyOn(auth, 'init');
    const done = TestBed.runInInjectionContext(() => startSession());

    const config = http.expectOne('/api/config');
    // Public endpoint: no token may be attached (there is none yet anyway).
    expect(config.request.headers.has('Authorization')).toBe(false);
    config.flush({ oidc: { issuer: 'https://sso.example.gov.cn/realms/fundsup', clientId: 'fundsup-web' }, version: '0.1.0' });
    await settle();
    expect(init).toHaveBeenCalledWith({ issuer: 'https://sso.example.gov.cn/realms/fundsup', clientId: 'fundsup-web' });

    http.expectOne('/api/me').flush(fakeMe(['leader']));
    await done;

    expect(TestBed.inject(RuntimeConfigService).version()).toBe('0.1.0');
    expect(TestBed.inject(CurrentUser).roles()).toEqual(['leader']);
    expect(TestBed.inject(BootState).failedStep()).toBeNull();
  });

  it('records the failing step instead of leaving a blank page', async () => {
    const done = TestBed.runInInjectionContext(() => startSession());
    http.expectOne('/api/config').flush('down', { status: 503, statusText: 'Unavailable' });
    await done;
    expect(TestBed.inject(BootState).failedStep()).toBe('config');
  });

  it('reports a sign-in that came back without a session', async () => {
    jest.spyOn(auth, 'authenticated').mockReturnValue(false);
    const done = TestBed.runInInjectionContext(() => startSession());
    http.expectOne('/api/config').flush({ oidc: { issuer: 'https://sso/realms/r', clientId: 'c' }, version: '1' });
    await done;
    expect(TestBed.inject(BootState).failedStep()).toBe('login');
  });

  it('reports a profile failure (e.g. a user unknown to the backend) as such', async () => {
    const done = TestBed.runInInjectionContext(() => startSession());
    http.expectOne('/api/config').flush({ oidc: { issuer: 'https://sso/realms/r', clientId: 'c' }, version: '1' });
    await settle();
    http.expectOne('/api/me').flush({ error: { code: 'no_actor', message: { zh: '无', en: 'none' } } }, { status: 403, statusText: 'Forbidden' });
    await done;
    expect(TestBed.inject(BootState).failedStep()).toBe('me');
  });
});

describe('keycloakConfigFor', () => {
  it('splits a Keycloak issuer into server URL and realm', () => {
    expect(keycloakConfigFor({ issuer: 'https://sso.example.gov.cn/auth/realms/fund-sup/', clientId: 'web' })).toEqual({
      url: 'https://sso.example.gov.cn/auth',
      realm: 'fund-sup',
      clientId: 'web',
    });
  });

  it('falls back to OIDC discovery for other issuers', () => {
    expect(keycloakConfigFor({ issuer: 'https://idp.example.org', clientId: 'web' })).toEqual({
      oidcProvider: 'https://idp.example.org',
      clientId: 'web',
    });
  });
});

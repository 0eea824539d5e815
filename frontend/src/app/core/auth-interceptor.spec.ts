import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { FakeAuth, provideTestApp } from '../testing/fakes';
import { apiPathOf } from './auth-interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: FakeAuth;

  beforeEach(() => {
    auth = new FakeAuth();
    TestBed.configureTestingModule({ providers: provideTestApp({ auth }) });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  /** Sends a GET and returns the request as the backend saw it. */
  async function send(url: string) {
    const response = firstValueFrom(http.get(url));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const req = backend.expectOne(url);
    req.flush({});
    await response;
    return req.request;
  }

  it.each(['/api/me', '/api/notifications?unread=true', `${location.origin}/api/notifications/unread-count`])(
    'adds the bearer token to %s',
    async (url) => {
      const request = await send(url);
      expect(request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    },
  );

  it('asks for a fresh token on every call, so it is refreshed before it expires', async () => {
    await send('/api/me');
    auth.token = 'refreshed-token';
    const request = await send('/api/me');
    expect(auth.tokenRequests).toBe(2);
    expect(request.headers.get('Authorization')).toBe('Bearer refreshed-token');
  });

  it.each([
    '/api/config',
    '/assets/i18n.json',
    '/apis/other',
    'https://idp.example.org/realms/fundsup/protocol/openid-connect/token',
    'https://evil.example.org/api/me',
  ])('leaves %s alone', async (url) => {
    const request = await send(url);
    expect(request.headers.has('Authorization')).toBe(false);
    expect(auth.tokenRequests).toBe(0);
  });

  it('sends the request without a header when there is no session', async () => {
    auth.token = undefined as unknown as string;
    const request = await send('/api/me');
    expect(request.headers.has('Authorization')).toBe(false);
  });
});

describe('apiPathOf', () => {
  const origin = 'https://jg.ybj.example.gov.cn';
  it.each([
    ['/api/me', '/api/me'],
    ['/api/notifications?unread=true', '/api/notifications'],
    [`${origin}/api/me`, '/api/me'],
    ['https://other.example.org/api/me', null],
    ['//other.example.org/api/me', null],
    ['/api', null],
    ['/index.html', null],
  ])('%s → %s', (url, expected) => {
    expect(apiPathOf(url, origin)).toBe(expected);
  });
});

describe('authInterceptor on a 401', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: FakeAuth;

  beforeEach(() => {
    auth = new FakeAuth();
    TestBed.configureTestingModule({ providers: provideTestApp({ auth }) });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('refreshes the token once and retries the request with the new one', async () => {
    const response = firstValueFrom(http.post('/api/plans', { a: 1 }));
    await tick();
    const first = backend.expectOne('/api/plans');
    expect(first.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    first.flush(null, unauthorized);
    await tick();
    const retry = backend.expectOne('/api/plans');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer refreshed-access-token');
    expect(retry.request.body).toEqual({ a: 1 });
    retry.flush({ ok: true });
    expect(await response).toEqual({ ok: true });
    expect(auth.refreshes).toBe(1);
  });

  it('passes a second 401 on instead of looping', async () => {
    const response = firstValueFrom(http.get('/api/me')).catch((e: unknown) => e);
    await tick();
    backend.expectOne('/api/me').flush(null, unauthorized);
    await tick();
    backend.expectOne('/api/me').flush(null, unauthorized);
    expect(await response).toMatchObject({ status: 401 });
    expect(auth.refreshes).toBe(1);
  });

  it('does not retry when the session has ended (the refresh sends the user to sign in)', async () => {
    auth.refreshedToken = undefined;
    const response = firstValueFrom(http.get('/api/me')).catch((e: unknown) => e);
    await tick();
    backend.expectOne('/api/me').flush(null, unauthorized);
    expect(await response).toMatchObject({ status: 401 });
    expect(auth.refreshes).toBe(1);
  });

  it.each([403, 500])('does not refresh on %s', async (status) => {
    const response = firstValueFrom(http.get('/api/me')).catch((e: unknown) => e);
    await tick();
    backend.expectOne('/api/me').flush(null, { status, statusText: 'x' });
    expect(await response).toMatchObject({ status });
    expect(auth.refreshes).toBe(0);
  });
});

import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import type { ProviderToken } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideTestApp } from './fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * An API service's spec setup: before each test the app's providers (interceptors included) and
 * the service and HTTP controller handed to `use`; after each, no request left open. Returns
 * `send`, which subscribes, lets the auth interceptor attach the token, checks it and returns the
 * pending request for `method url`.
 */
export function apiUnderTest<T>(service: ProviderToken<T>, use: (api: T, http: HttpTestingController) => void) {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    use(TestBed.inject(service), http);
  });
  afterEach(() => http.verify());

  return async function send<R>(request: Promise<R> | (() => Promise<R>), url: string, method = 'GET'): Promise<TestRequest> {
    void (typeof request === 'function' ? request() : request).catch(() => undefined);
    await settle();
    const req = http.expectOne((r) => r.urlWithParams === url && r.method === method);
    expect(req.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    return req;
  };
}

import { HttpErrorResponse } from '@angular/common/http';
import { isNotFound } from './detail-resource';

describe('isNotFound', () => {
  const failed = (status: number) => new HttpErrorResponse({ status, url: '/api/x' });

  it('is true for 404 and 403, directly or as the cause a resource wraps', () => {
    expect(isNotFound(failed(404))).toBe(true);
    expect(isNotFound(failed(403))).toBe(true);
    expect(isNotFound(new Error('wrapped', { cause: failed(404) }))).toBe(true);
  });

  it('is false for other failures and for nothing', () => {
    expect(isNotFound(failed(500))).toBe(false);
    expect(isNotFound(new Error('wrapped', { cause: failed(409) }))).toBe(false);
    expect(isNotFound(new Error('offline'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});

import { HttpClient, type HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { firstValueFrom } from 'rxjs';
import { TranslationService } from '../i18n/translation';
import { errorInterceptor } from './error-interceptor';
import { silentErrors } from './http-context';

describe('errorInterceptor', () => {
  const shown: string[] = [];

  beforeEach(() => {
    shown.length = 0;
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: NzMessageService, useValue: { error: (text: string) => shown.push(text) } },
      ],
    });
  });

  async function fail(body: string | object, status: number, context?: HttpContext) {
    const request = firstValueFrom(TestBed.inject(HttpClient).get('/api/x', { context }));
    TestBed.inject(HttpTestingController).expectOne('/api/x').flush(body, { status, statusText: 'Error' });
    await expect(request).rejects.toMatchObject({ status });
  }

  const apiError = {
    error: { code: 'dispute.closed', message: { zh: '争议已结案，不能再修改', en: 'The dispute is closed' } },
  };

  it('shows the backend message in the current language', async () => {
    await fail(apiError, 409);
    TestBed.inject(TranslationService).use('en');
    await fail(apiError, 409);
    expect(shown).toEqual(['争议已结案，不能再修改', 'The dispute is closed']);
  });

  it('falls back to a generic message for non-API errors', async () => {
    await fail('gateway timeout', 504);
    expect(shown).toEqual(['请求失败（HTTP 504）。']);
  });

  it('stays quiet for requests that handle their own errors', async () => {
    await fail(apiError, 500, silentErrors());
    expect(shown).toEqual([]);
  });
});

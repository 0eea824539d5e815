import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { catchError, throwError } from 'rxjs';
import { TranslationService } from '../i18n/translation';
import { SILENT_ERRORS } from './http-context';
import { isApiErrorBody } from './models';

/** The user-facing text for a failed request, in the current language. */
export function describeHttpError(error: HttpErrorResponse, i18n: TranslationService): string {
  if (isApiErrorBody(error.error)) {
    const { zh, en } = error.error.error.message;
    return i18n.pick(zh, en);
  }
  if (error.status === 0) return i18n.t('errors.network');
  if (error.status === 401) return i18n.t('errors.unauthenticated');
  if (error.status === 403) return i18n.t('errors.forbidden');
  return i18n.t('errors.unknown', { status: error.status });
}

/**
 * Shows every API failure as a short toast, so feature code only handles the errors it can do
 * something about. The error is re-thrown unchanged for that code.
 */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SILENT_ERRORS)) return next(req);
  const message = inject(NzMessageService);
  const i18n = inject(TranslationService);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse) message.error(describeHttpError(error, i18n));
      return throwError(() => error);
    }),
  );
};

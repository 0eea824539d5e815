import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Set on requests whose failures the caller shows itself (boot screen, background polling), so
 * the error interceptor does not also pop a toast every minute.
 */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

export function silentErrors(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}

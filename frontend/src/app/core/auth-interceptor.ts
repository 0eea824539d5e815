import { DOCUMENT, inject } from '@angular/core';
import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth';

/** The API paths that work without anyone signed in: the runtime config, and the public tip routes (issue 17). */
const PUBLIC_API_PATHS = new Set(['/api/config']);
const PUBLIC_API_PREFIX = '/api/public/';

/**
 * The path of a same-origin `/api/` URL, or null for anything else. Tokens must never leak to
 * other origins (the IdP, map tiles, …), so absolute URLs only count when the origin matches.
 */
export function apiPathOf(url: string, origin: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, origin);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  return parsed.pathname.startsWith('/api/') ? parsed.pathname : null;
}

const withToken = (req: HttpRequest<unknown>, token: string | undefined) =>
  token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

/**
 * Adds `Authorization: Bearer …` to our own API calls, refreshing the token first if it is about to
 * expire. A 401 to a request that carried a token is retried once with a freshly refreshed token
 * (expired in between, or refused by the API's session check); if the session has ended, the
 * refresh fails and the user is sent to sign in.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const origin = inject(DOCUMENT).location.origin;
  const path = apiPathOf(req.url, origin);
  if (path === null || PUBLIC_API_PATHS.has(path) || path.startsWith(PUBLIC_API_PREFIX)) return next(req);

  const auth = inject(AuthService);
  return from(auth.getValidToken()).pipe(
    switchMap((token) =>
      next(withToken(req, token)).pipe(
        catchError((error: unknown) => {
          if (!token || !(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
          return from(auth.refreshToken()).pipe(
            switchMap((fresh) => (fresh ? next(withToken(req, fresh)) : throwError(() => error))),
          );
        }),
      ),
    ),
  );
};

import { DOCUMENT, inject } from '@angular/core';
import type { HttpInterceptorFn } from '@angular/common/http';
import { from, switchMap } from 'rxjs';
import { AuthService } from './auth';

/** The one API path that must work before anyone has signed in. */
const PUBLIC_API_PATHS = new Set(['/api/config']);

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

/** Adds `Authorization: Bearer …` to our own API calls, refreshing the token first if needed. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const origin = inject(DOCUMENT).location.origin;
  const path = apiPathOf(req.url, origin);
  if (path === null || PUBLIC_API_PATHS.has(path)) return next(req);

  const auth = inject(AuthService);
  return from(auth.getValidToken()).pipe(
    switchMap((token) =>
      next(token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req),
    ),
  );
};

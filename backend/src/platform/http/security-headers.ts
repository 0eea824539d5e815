import type { NextFunction, Request, Response } from 'express';

export interface SecurityHeaderOptions {
  /** The identity provider as the browser reaches it: the SPA's sign-in (keycloak-js) talks to it and frames its session check. */
  oidcPublicIssuerUrl: string;
  /** Strict-Transport-Security max-age in seconds for requests that arrived over TLS (0: never sent). */
  hstsMaxAge: number;
}

/**
 * The SPA's Content-Security-Policy: its own scripts only (the built index.html has no inline
 * script), inline styles (Angular adds component styles as <style> elements), images, fonts and
 * blobs (downloads, previews) from its origin, API calls to its origin and to the identity provider,
 * which keycloak-js also frames for the session check; nobody may frame the app.
 */
export function spaContentSecurityPolicy(oidcPublicIssuerUrl: string): string {
  let idp = '';
  try {
    idp = new URL(oidcPublicIssuerUrl).origin;
  } catch {
    idp = '';
  }
  const withIdp = (...sources: string[]) => [...sources, idp].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${withIdp("'self'")}`,
    `frame-src ${withIdp("'self'", 'blob:')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${withIdp("'self'")}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers on every response (issue 15 §6): no MIME sniffing, no full URL in the Referer sent to other
 * sites, HSTS when the request came over TLS (`req.secure`: directly, or through a proxy trusted by
 * TRUST_PROXY that sets X-Forwarded-Proto), and the SPA's CSP on everything outside /api (the API's
 * JSON needs none; its Swagger page at /api/docs uses inline styles of its own).
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  const csp = spaContentSecurityPolicy(options.oidcPublicIssuerUrl);
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (options.hstsMaxAge > 0 && req.secure) {
      res.setHeader('Strict-Transport-Security', `max-age=${options.hstsMaxAge}; includeSubDomains`);
    }
    if (req.path !== '/api' && !req.path.startsWith('/api/')) {
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('X-Frame-Options', 'DENY');
    }
    next();
  };
}

import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { CurrentUser } from './current-user';
import { RuntimeConfigService } from './runtime-config';

export type BootStep = 'config' | 'login' | 'me';

/** Where startup stopped, so the root component can show a helpful page instead of a blank one. */
@Injectable({ providedIn: 'root' })
export class BootState {
  readonly failedStep = signal<BootStep | null>(null);
}

/**
 * App initializer: runtime config → Keycloak login → /api/me, in that order, because each step
 * needs the previous one. Errors are recorded rather than thrown: a rejected initializer would
 * leave the user looking at an empty page.
 */
/** The pages anyone may open without signing in (the public tip pages, issue 17). */
export function isPublicPage(pathname: string): boolean {
  return pathname === '/public' || pathname.startsWith('/public/');
}

export async function startSession(): Promise<void> {
  // No sign-in, no profile: the public pages call only the public API.
  if (isPublicPage(inject(DOCUMENT).location.pathname)) return;
  const config = inject(RuntimeConfigService);
  const auth = inject(AuthService);
  const user = inject(CurrentUser);
  const state = inject(BootState);

  let step: BootStep = 'config';
  try {
    const runtime = await config.load();
    step = 'login';
    await auth.init(runtime.oidc);
    // While redirecting to the login page keycloak-js never resolves, so getting here signed out
    // means the IdP sent the user back without a session (e.g. login cancelled or denied).
    if (!auth.authenticated()) throw new Error('not signed in after the Keycloak redirect');
    step = 'me';
    await user.load();
  } catch (error) {
    console.error(`startup failed at step "${step}"`, error);
    state.failedStep.set(step);
  }
}

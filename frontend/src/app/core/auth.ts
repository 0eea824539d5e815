import { DOCUMENT, Injectable, InjectionToken, inject, signal } from '@angular/core';
import Keycloak, { type KeycloakConfig } from 'keycloak-js';
import type { RuntimeConfig } from './models';

/** Refresh the access token when it has less than this many seconds left. */
export const TOKEN_MIN_VALIDITY_SECONDS = 30;

/** Makes the keycloak-js client; tests give a fake one. */
export const KEYCLOAK_FACTORY = new InjectionToken<(config: KeycloakConfig) => Keycloak>('KEYCLOAK_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => new Keycloak(config),
});

/**
 * Turns the issuer from /api/config into a keycloak-js config. A Keycloak issuer
 * (`…/realms/<realm>`) uses the realm endpoints directly; anything else falls back to OIDC
 * discovery so a different provider would still work.
 */
export function keycloakConfigFor(oidc: RuntimeConfig['oidc']): KeycloakConfig {
  const match = /^(https?:\/\/.+?)\/realms\/([^/]+)\/?$/.exec(oidc.issuer);
  if (match) {
    return { url: match[1]!, realm: decodeURIComponent(match[2]!), clientId: oidc.clientId };
  }
  return { oidcProvider: oidc.issuer, clientId: oidc.clientId };
}

/**
 * The only place that talks to keycloak-js. Everything else asks this service for a token, so
 * tests replace it with a fake (see testing/fakes.ts) and never touch a real IdP.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly document = inject(DOCUMENT);
  private readonly createKeycloak = inject(KEYCLOAK_FACTORY);
  private keycloak: Keycloak | null = null;
  private readonly authenticatedState = signal(false);
  readonly authenticated = this.authenticatedState.asReadonly();

  /**
   * Authorization Code + PKCE (S256). With 'login-required' an anonymous visitor is sent to the
   * login page; `authenticated()` stays false while that redirect is under way.
   */
  async init(oidc: RuntimeConfig['oidc']): Promise<void> {
    const keycloak = this.createKeycloak(keycloakConfigFor(oidc));
    const authenticated = await keycloak.init({
      onLoad: 'login-required',
      flow: 'standard',
      pkceMethod: 'S256',
      checkLoginIframe: false,
    });
    this.keycloak = keycloak;
    this.authenticatedState.set(authenticated);
  }

  /**
   * A token valid for at least TOKEN_MIN_VALIDITY_SECONDS more seconds: refreshed before it
   * expires (access tokens live 5 minutes), on the request that needs it — a timer would keep an
   * idle user's session alive forever.
   */
  getValidToken(): Promise<string | undefined> {
    return this.tokenWith(TOKEN_MIN_VALIDITY_SECONDS);
  }

  /**
   * A new token whatever the current one's expiry, for a request the API refused with 401 (the
   * API also refuses a token whose session ended: then the refresh fails and the user signs in).
   */
  refreshToken(): Promise<string | undefined> {
    return this.tokenWith(-1);
  }

  private async tokenWith(minValidity: number): Promise<string | undefined> {
    const keycloak = this.keycloak;
    if (!keycloak?.authenticated) return undefined;
    try {
      // -1 forces the refresh (keycloak-js); otherwise only when less than minValidity is left.
      await keycloak.updateToken(minValidity);
    } catch {
      // Refresh failed (session ended at the IdP): go back through login rather than send a
      // request that can only come back 401.
      await keycloak.login();
      return undefined;
    }
    return keycloak.token;
  }

  async logout(): Promise<void> {
    this.authenticatedState.set(false);
    // The client's "Valid post logout redirect URIs" in Keycloak must include this origin.
    await this.keycloak?.logout({ redirectUri: this.document.location.origin });
  }
}

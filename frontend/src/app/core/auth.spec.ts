import { TestBed } from '@angular/core/testing';
import type Keycloak from 'keycloak-js';
import { AuthService, KEYCLOAK_FACTORY, TOKEN_MIN_VALIDITY_SECONDS } from './auth';

/** keycloak-js as far as AuthService uses it: tokens refreshed on demand, a session that can end. */
class FakeKeycloak {
  authenticated = false;
  token: string | undefined;
  sessionEnded = false;
  refreshCalls: number[] = [];
  logins = 0;
  private issued = 0;

  async init(): Promise<boolean> {
    this.authenticated = true;
    this.token = `access-${this.issued}`;
    return true;
  }

  /** Like keycloak-js: -1 forces a refresh; otherwise refreshes when the token expires within minValidity (here: always). */
  async updateToken(minValidity: number): Promise<boolean> {
    this.refreshCalls.push(minValidity);
    if (this.sessionEnded) throw new Error('refresh token is no longer valid');
    this.issued++;
    this.token = `access-${this.issued}`;
    return true;
  }

  async login(): Promise<void> {
    this.logins++;
  }

  async logout(): Promise<void> {}
}

describe('AuthService token refresh', () => {
  let keycloak: FakeKeycloak;
  let auth: AuthService;

  beforeEach(async () => {
    keycloak = new FakeKeycloak();
    TestBed.configureTestingModule({
      providers: [{ provide: KEYCLOAK_FACTORY, useValue: () => keycloak as unknown as Keycloak }],
    });
    auth = TestBed.inject(AuthService);
    await auth.init({ issuer: 'http://kc.example/realms/fundsup', clientId: 'fundsup-web' });
  });

  it('refreshes before expiry: every request asks for a token valid a while longer', async () => {
    expect(await auth.getValidToken()).toBe('access-1');
    expect(keycloak.refreshCalls).toEqual([TOKEN_MIN_VALIDITY_SECONDS]);
  });

  it('forces a refresh after a 401, whatever the token expiry says', async () => {
    expect(await auth.refreshToken()).toBe('access-1');
    expect(keycloak.refreshCalls).toEqual([-1]);
  });

  it('sends the user to sign in when the session has ended at Keycloak', async () => {
    keycloak.sessionEnded = true;
    expect(await auth.refreshToken()).toBeUndefined();
    expect(await auth.getValidToken()).toBeUndefined();
    expect(keycloak.logins).toBe(2);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolveConfig } from '../../deploy/stack/config.ts';
import { PUBLIC_URL_PLACEHOLDER, REALM_FILE, realmForImport } from '../../deploy/keycloak/generate-realm.ts';
import { WEB_CLIENT_ID } from '../../deploy/keycloak/demo-accounts.ts';
import { BASE_URL, ISSUER } from '../support/stack.ts';

// Issue 17: the public tip page is reachable from the sign-in page, without signing in. The realm's
// heading (displayNameHtml) links it at the deployment's public URL, filled in when the launcher
// imports the realm (dev :3000, test :3010, FUNDSUP_PUBLIC_URL), and Keycloak's HTML sanitizer must
// keep the link.

describe('the sign-in page links the public tip page', () => {
  it('of the started stack: Keycloak serves the link to this deployment’s /public/tips', async () => {
    const url = new URL(`${ISSUER()}/protocol/openid-connect/auth`);
    url.search = new URLSearchParams({ client_id: WEB_CLIENT_ID, redirect_uri: `${BASE_URL()}/`, response_type: 'code', scope: 'openid',
      // the web client requires PKCE (S256); any verifier's challenge opens the page
      code_challenge: createHash('sha256').update('a-verifier-of-forty-three-characters-or-more').digest('base64url'), code_challenge_method: 'S256',
    }).toString();
    // not followed: a redirect back to the app (an error) is not the sign-in page
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const links = [...html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([^<]*)</g)].filter(([, , text]) => text.includes('公众举报'));
    expect(links.map(([, href]) => href)).toEqual([`${BASE_URL().replace(/\/+$/, '')}/public/tips`]);
    expect(links[0]![2]).toContain('Report misuse of the fund');
    expect(html).not.toContain(PUBLIC_URL_PLACEHOLDER);
  });

  it('in the realm file: a placeholder, replaced by each profile’s public URL (or FUNDSUP_PUBLIC_URL) at import', () => {
    const file = readFileSync(REALM_FILE, 'utf8');
    expect(file).toContain(`href=\\"${PUBLIC_URL_PLACEHOLDER}/public/tips\\"`);
    const root = new URL('../..', import.meta.url).pathname;
    const hrefOf = (publicUrl: string) => (JSON.parse(realmForImport(file, publicUrl)) as { displayNameHtml: string }).displayNameHtml.match(/href="([^"]*)"/)![1];
    expect(hrefOf(resolveConfig({ profile: 'dev', root, env: {} }).keycloak.publicUrl)).toBe('http://localhost:3000/public/tips');
    expect(hrefOf(resolveConfig({ profile: 'test', root, env: {} }).keycloak.publicUrl)).toBe('http://localhost:3010/public/tips');
    expect(hrefOf(resolveConfig({ profile: 'dev', root, env: { FUNDSUP_PUBLIC_URL: 'https://jg.example.gov.cn/' } }).keycloak.publicUrl)).toBe('https://jg.example.gov.cn/public/tips');
    // nothing but an http(s) URL goes into the realm's HTML
    expect(() => realmForImport(file, 'javascript:alert(1)')).toThrow(/not an http\(s\) URL/);
    expect(() => realmForImport(file, 'http://x"><script>')).toThrow(/not an http\(s\) URL/);
  });
});

import express from 'express';
import { trustProxySetting } from '../../src/platform/http/trust-proxy.js';

/** Whether Express, given TRUST_PROXY as the app sets it, trusts a proxy at `addr` (hop `i`). */
function trusts(raw: string, addr: string, i = 0): boolean {
  const app = express();
  app.set('trust proxy', trustProxySetting(raw));
  return (app.get('trust proxy fn') as (a: string, i: number) => boolean)(addr, i);
}

describe('TRUST_PROXY', () => {
  it('a number is a count of hops (README: TRUST_PROXY=1), not the address 0.0.0.1', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trusts('1', '10.0.0.5', 0)).toBe(true);
    expect(trusts('1', '10.0.0.5', 1)).toBe(false);
  });

  it('names and subnets stay lists of addresses', () => {
    expect(trusts('loopback', '127.0.0.1')).toBe(true);
    expect(trusts('loopback', '10.0.0.5')).toBe(false);
    expect(trusts('10.0.0.0/8, 192.168.0.1', '10.1.2.3')).toBe(true);
  });

  it('true and false are booleans', () => {
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('false')).toBe(false);
  });
});

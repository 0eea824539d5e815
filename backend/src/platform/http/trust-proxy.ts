/**
 * Express's `trust proxy` value for TRUST_PROXY. Express reads a string as a list of addresses or
 * subnets (`loopback`, `10.0.0.0/8`, …) and only a number as a count of hops, so the documented
 * `TRUST_PROXY=1` handed over as the string "1" trusted the address 0.0.0.1 — no real proxy: every
 * client behind the proxy then shared one anonymous rate-limit bucket and HSTS was never sent.
 * Whole numbers become hop counts, `true`/`false` booleans, anything else stays Express's list.
 */
export function trustProxySetting(raw: string): number | boolean | string {
  const v = raw.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

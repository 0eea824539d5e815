import { judgeAudit, type AllowedAdvisory } from '../../deploy/stack/npm-audit.ts';

// The npm audit step of ./suite test (issue 14): what fails the run, what the allow-list lets
// through, and that an unreachable advisory service is reported as "not checked", never as a pass.

const GHSA = 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc';
const report = (vulnerabilities: object) => JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { dependencies: { total: 1200 } } });
const highInLib = {
  lib: { name: 'lib', severity: 'high', via: [{ source: 1, name: 'lib', title: 'prototype pollution in lib', url: GHSA, severity: 'high' }] },
  app: { name: 'app', severity: 'high', via: ['lib'] },
};

it('passes a report with only low and moderate advisories, counting the dependencies checked', () => {
  const v = judgeAudit(report({ x: { severity: 'moderate', via: [{ title: 't', url: 'u', severity: 'moderate' }] } }), [], '2026-12-07');
  expect(v).toEqual({ kind: 'ok', checked: 1200, allowed: [] });
});

it('fails on a high advisory, naming the package, the advisory and its link (once, not again for the dependants)', () => {
  const v = judgeAudit(report(highInLib), [], '2026-12-07');
  expect(v).toEqual({ kind: 'failed', findings: [`lib: prototype pollution in lib (high) ${GHSA}`], allowed: [] });
});

it('lets an allow-listed advisory through until its date, and not after', () => {
  const allow: AllowedAdvisory[] = [{ package: 'lib', advisory: GHSA, reason: 'only reached from the build', until: '2027-01-31' }];
  const before = judgeAudit(report(highInLib), allow, '2027-01-31');
  expect(before.kind).toBe('ok');
  expect(before.kind === 'ok' && before.allowed[0]).toContain('allowed: only reached from the build');
  expect(judgeAudit(report(highInLib), allow, '2027-02-01').kind).toBe('failed');
  // Another advisory of the same package is not covered by the entry.
  expect(judgeAudit(report(highInLib), [{ ...allow[0], advisory: `${GHSA}-other` }], '2027-01-01').kind).toBe('failed');
});

it('says "not checked" with the reason when the registry refuses the advisory request', () => {
  const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
  expect(judgeAudit(refused, [], '2026-12-07')).toEqual({
    kind: 'unchecked', reason: 'advisory service unreachable (405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk)',
  });
  expect(judgeAudit('npm ERR! something', [], '2026-12-07').kind).toBe('unchecked');
});

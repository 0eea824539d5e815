import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDrawFile } from '../../src/cli.js';
import { commitRecord, completeRecord, secretCommitment, type Directories } from '../../src/contexts/spot-checks/domain/draw/index.js';

// `cli.js verify-draw <record.json>`: prints every check, exit code 0 only when all pass.

const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record() {
  const directories: Directories = {
    providers: ['3201', '3202', '3203'].flatMap((cityCode) => Array.from({ length: 5 }, (_, i) => ({
      id: `p-${cityCode}-${i}`, cityCode, countyCode: `${cityCode}01`, kind: 'pharmacy' as const, level: 'none' as const, keySupervision: i === 0, priorViolations: i,
    }))),
    inspectors: ['3201', '3202', '3203'].flatMap((cityCode) => [0, 1].map((i) => ({
      id: `i-${cityCode}-${i}`, cityCode, organizationId: `agency-${cityCode}`, linkedInstitutionIds: [], inspectedLastYear: [],
    }))),
  };
  const committed = commitRecord({
    spotCheckId: 'sc-cli', parameters: { defaultRatio: 0.2, ratios: {}, teamSize: 2, riskWeighted: true }, directories,
    witnessCommitments: [secretCommitment('w1')], beaconRequired: false, committedAt: '2026-11-22T00:00:00.000Z',
  });
  return completeRecord(committed, ['w1'], null);
}

let files = 0;
function run(content: string | null): { code: number; lines: string[] } {
  const path = join(dir, `record-${++files}.json`);
  if (content !== null) writeFileSync(path, content);
  const lines: string[] = [];
  const code = verifyDrawFile(path, (l) => lines.push(l));
  return { code, lines };
}

it('exits 0 and prints a ✓ line per check for a clean record', () => {
  const { code, lines } = run(JSON.stringify(record(), null, 2));
  expect(code).toBe(0);
  expect(lines.slice(0, 5).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['✓ directories', '✓ commitment', '✓ reveal', '✓ seed', '✓ result']);
  expect(lines[5]).toBe('the draw record verifies');
});

it('exits 1 and marks the failing check for an edited record, a broken file or a missing one', () => {
  const edited = record();
  edited.result!.selections[0].team.reverse();
  const { code, lines } = run(JSON.stringify(edited));
  expect(code).toBe(1);
  expect(lines.filter((l) => l.startsWith('✗')).map((l) => l.split(' ')[1])).toEqual(['result']);
  expect(run('{ not json').code).toBe(1);
  expect(run(null).code).toBe(1);
  expect(verifyDrawFile(undefined, () => undefined)).toBe(2);
});

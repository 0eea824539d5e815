import { IcAudit } from '../../src/contexts/internal-control/domain/ic-audit.js';
import { DomainError } from '../../src/kernel/errors.js';
import { actorOf, USERS } from '../support/tokens.js';

const agency = actorOf(USERS.xuanwu);
const province = actorOf(USERS.province);

function audit(status: 'self_assessment' | 'fieldwork'): IcAudit {
  return Object.assign(new IcAudit(), {
    id: 'a1', regionPath: agency.regionPath, ownerOrgId: agency.organizationId, planId: 'p1', provincePath: '/32/',
    status, checklistVersion: 3,
    checklist: [{ code: 'MR-01', area: 'management_rules', text: 't', guidance: 'g' }, { code: 'MR-02', area: 'management_rules', text: 't', guidance: 'g' }],
  });
}

function refusal(fn: () => unknown): { code: string; en: string; details: unknown } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    return { code: e.code, en: e.message, details: e.details };
  }
  throw new Error('not refused');
}

// The self-assessment and the fieldwork results check their item codes alike: on the checklist, once.
describe('IC audit item codes', () => {
  const now = new Date('2026-05-01T00:00:00Z');

  it('an item not on the audit\'s checklist is refused, naming the checklist version', () => {
    const a = refusal(() => audit('self_assessment').saveSelfAssessment(agency, [{ itemCode: 'XX-9', answer: 'compliant' }], false, now));
    expect(a).toMatchObject({ code: 'ic_item_unknown', details: { itemCode: 'XX-9' } });
    expect(a.en).toContain('version 3');
    const r = refusal(() => audit('fieldwork').recordResults(province, [{ itemCode: 'XX-9', result: 'compliant' }], now));
    expect(r).toMatchObject({ code: 'ic_item_unknown', details: { itemCode: 'XX-9' } });
  });

  it('an item twice is refused, each list in its own words', () => {
    const twice = [{ itemCode: 'MR-01', answer: 'compliant' }, { itemCode: 'MR-01', answer: 'compliant' }];
    const a = refusal(() => audit('self_assessment').saveSelfAssessment(agency, twice, false, now));
    expect(a).toMatchObject({ code: 'ic_item_duplicate', details: { itemCode: 'MR-01' } });
    expect(a.en).toContain('is answered more than once');
    const r = refusal(() => audit('fieldwork').recordResults(province, twice.map((t) => ({ itemCode: t.itemCode, result: t.answer })), now));
    expect(r).toMatchObject({ code: 'ic_item_duplicate', details: { itemCode: 'MR-01' } });
    expect(r.en).toContain('appears more than once');
  });

  it('a submitted self-assessment must answer every item; a complete one is taken', () => {
    const one = [{ itemCode: 'MR-01', answer: 'compliant' }];
    expect(refusal(() => audit('self_assessment').saveSelfAssessment(agency, one, true, now))).toMatchObject({ code: 'ic_self_assessment_incomplete', details: { missing: ['MR-02'] } });
    const a = audit('self_assessment');
    a.saveSelfAssessment(agency, [...one, { itemCode: 'MR-02', answer: 'not_applicable' }], false, now);
    expect(a.answers.map((x) => x.itemCode)).toEqual(['MR-01', 'MR-02']);
  });
});

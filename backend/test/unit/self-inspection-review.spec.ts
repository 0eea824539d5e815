import type { Actor } from '../../src/kernel/actor.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import { levelsFrom } from '../../src/contexts/campaigns/domain/campaign.js';
import { SelfInspection, validRefund } from '../../src/contexts/campaigns/domain/self-inspection.js';

// The review of an institution's report by its handling agency (核实, issue 13 §5), as a state machine
// on the task: submitted → awaiting → verified | returned → (corrected) awaiting → verified.

const NOW = new Date('2027-05-10T02:00:00Z');
const actor = (organizationId: string, roles: Actor['roles'], organizationKind: Actor['organizationKind']): Actor => ({
  userId: `u-${organizationId}`, username: organizationId, displayName: organizationId, roles, regionPath: '/32/3201/320102/',
  organizationId, organizationKind,
});
const clerk = actor('inst-1', ['institution_clerk'], 'institution');
const agency = actor('agency-320102', ['county_staff'], 'agency');
const cityAgency = actor('agency-3201', ['city_agency_staff'], 'agency');
const bureau = actor('bureau-320102', ['county_staff'], 'bureau');

function submittedTask(): SelfInspection {
  const t = Object.assign(new SelfInspection(), {
    id: 't1', campaignId: 'c1', regionPath: '/32/3201/320102/', ownerOrgId: 'inst-1', cityCode: '3201', kind: 'hospital',
    handlingAgencyId: 'agency-320102',
  });
  t.save(clerk, { report: '已自查', refundedAmount: 100, issues: [], attachmentIds: [] }, 'self_inspection');
  t.submit(clerk, 'self_inspection', '2027-08-31', NOW);
  pullEvents(t);
  return t;
}

const code = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'none';
};

describe('levelsFrom', () => {
  it('admits the minimum level and every level above it', () => {
    expect(levelsFrom('tertiary')).toEqual(['tertiary']);
    expect(levelsFrom('secondary')).toEqual(['tertiary', 'secondary']);
    expect(levelsFrom('primary')).toEqual(['tertiary', 'secondary', 'primary']);
  });
});

describe('the handling agency\'s review of a report', () => {
  it('awaits verification once submitted; only the handling agency reviews it', () => {
    const t = submittedTask();
    expect(t.reviewStatus).toBe('awaiting');
    expect(code(() => t.verify(cityAgency, 'self_inspection', null, null, NOW))).toBe('self_inspection_review_forbidden');
    expect(code(() => t.verify(bureau, 'self_inspection', null, null, NOW))).toBe('self_inspection_review_forbidden');
    expect(code(() => t.verify(clerk, 'self_inspection', null, null, NOW))).toBe('self_inspection_review_forbidden');
    expect(t.reviewStatus).toBe('awaiting');
    expect(t.newReviewSteps).toEqual([]);
  });

  it('refuses an unsubmitted report', () => {
    const t = Object.assign(new SelfInspection(), { id: 't2', campaignId: 'c1', regionPath: '/32/', ownerOrgId: 'inst-1', cityCode: '3201', kind: 'hospital', handlingAgencyId: 'agency-320102' });
    expect(code(() => t.verify(agency, 'self_inspection', null, null, NOW))).toBe('self_inspection_not_submitted');
    expect(code(() => t.returnForCorrection(agency, 'self_inspection', '补充', NOW))).toBe('self_inspection_not_submitted');
    expect(t.reviewStatus).toBeNull();
  });

  it('returns, lets the institution correct and resubmit (not a second submission), then verifies with the refund', () => {
    const t = submittedTask();
    expect(code(() => t.returnForCorrection(agency, 'self_inspection', null, NOW))).toBe('self_inspection_return_comment_required');
    t.returnForCorrection(agency, 'spot_check', '补充凭证', NOW);
    expect([t.reviewStatus, t.returned]).toEqual(['returned', true]);
    expect(code(() => t.verify(agency, 'spot_check', null, null, NOW))).toBe('self_inspection_returned');
    t.save(clerk, { report: '已自查（更正）', refundedAmount: 120, issues: [], attachmentIds: [] }, 'spot_check');
    t.submit(clerk, 'spot_check', '2027-08-31', new Date('2027-09-03T02:00:00Z'));
    // Still filed on time, once; the correction counted.
    expect({ status: t.status, late: t.late, submittedAt: t.submittedAt, reviewStatus: t.reviewStatus, corrections: t.corrections })
      .toEqual({ status: 'submitted', late: false, submittedAt: NOW, reviewStatus: 'awaiting', corrections: 1 });
    expect(pullEvents(t).map((e) => e.type)).toEqual(['SelfInspectionReviewed', 'SelfInspectionDrafted', 'SelfInspectionCorrected']);
    t.verify(agency, 'spot_check', '凭证齐全', validRefund({ confirmed: true, amount: 120 }), NOW);
    expect({ status: t.reviewStatus, refund: t.refund, refundVerifiedAt: t.refundVerifiedAt }).toEqual({ status: 'verified', refund: { confirmed: true, amount: 120 }, refundVerifiedAt: NOW });
    expect(t.newReviewSteps.map((s) => s.action)).toEqual(['returned', 'corrected', 'verified']);
    expect(code(() => t.verify(agency, 'spot_check', null, null, NOW))).toBe('self_inspection_verified');
    expect(code(() => t.save(clerk, { report: 'x', refundedAmount: 0, issues: [], attachmentIds: [] }, 'spot_check'))).toBe('self_inspection_submitted');
  });

  it('records a refund only after verification, and no return once the spot-check has closed', () => {
    const t = submittedTask();
    expect(code(() => t.recordRefund(agency, 'self_inspection', { confirmed: true, amount: 1 }, NOW))).toBe('self_inspection_not_verified');
    expect(code(() => t.returnForCorrection(agency, 'summary', '补充', NOW))).toBe('self_inspection_closed');
    t.verify(agency, 'summary', null, validRefund({ confirmed: false }), NOW);
    expect(t.refund).toEqual({ confirmed: false, amount: null });
    t.recordRefund(agency, 'summary', validRefund({ confirmed: true, amount: 99.5 }), NOW);
    expect(t.refund).toEqual({ confirmed: true, amount: 99.5 });
    expect(code(() => t.recordRefund(agency, 'closed', { confirmed: true, amount: 1 }, NOW))).toBe('campaign_closed');
    expect(code(() => validRefund({ confirmed: true, amount: 1.234 }))).toBe('amount_invalid');
    expect(code(() => validRefund({ amount: 3 } as never))).toBe('self_inspection_refund_invalid');
  });
});

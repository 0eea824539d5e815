import type { Actor } from '../../src/kernel/actor.js';
import type { DomainError } from '../../src/kernel/errors.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import { CampaignFiling, daysLate, filingDue, type FilingCampaign } from '../../src/contexts/campaigns/domain/campaign-filing.js';

// The rules of a campaign's filing with the national bureau (issue 18): what may be sent when, the
// days late, who acknowledges or returns it, and sending again after a return.

const province: Actor = { userId: 'u-js', username: 'js.official', displayName: '李明华', roles: ['province_official'], regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' };
const nation: Actor = { userId: 'u-nhsa', username: 'nhsa.overseer', displayName: '王建国', roles: ['national_overseer'], regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau' };
const campaign: FilingCampaign = {
  id: 'c1', regionPath: '/32/', ownerOrgId: 'bureau-32', status: 'assigned', summaryFiledAt: null,
  calendar: { planFiledBy: '2026-03-31', summaryDue: '2026-11-30' },
};
/** 2026-04-03 10:00 in China: three days after the plan's due day. */
const april3 = new Date('2026-04-03T02:00:00Z');

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { return (e as DomainError).code; }
  return 'none';
}

describe('the days late of a filing', () => {
  it('counts calendar days after the due day: to the sending day, or to today while not sent', () => {
    expect(daysLate('2026-03-31', '2026-03-31', '2026-12-07')).toBe(0);
    expect(daysLate('2026-03-31', '2026-03-30', '2026-12-07')).toBe(0);
    expect(daysLate('2026-03-31', '2026-04-03', '2026-12-07')).toBe(3);
    expect(daysLate('2026-03-31', null, '2026-03-31')).toBe(0);
    expect(daysLate('2026-03-31', null, '2026-04-01')).toBe(1);
    // across a month and a year end
    expect(daysLate('2026-11-30', null, '2027-01-01')).toBe(32);
  });

  it('is due on the calendar day of its kind (方案备案截止日, 总结上报截止日)', () => {
    expect(filingDue('plan', campaign.calendar)).toBe('2026-03-31');
    expect(filingDue('summary', campaign.calendar)).toBe('2026-11-30');
  });
});

describe('sending a filing', () => {
  it('sends the plan of an assigned campaign only, late by the China day it was sent', () => {
    expect(code(() => CampaignFiling.send(null, 'f1', { ...campaign, status: 'draft' }, 'plan', province, {}, april3))).toBe('filing_plan_draft');
    const f = CampaignFiling.send(null, 'f1', campaign, 'plan', province, { note: '  方案见附件 ' }, april3);
    expect(f).toMatchObject({ status: 'sent', dueDate: '2026-03-31', note: '方案见附件', sendCount: 1, sentBy: '李明华', isNew: true });
    expect(f.daysLate(new Date('2026-12-07T00:00:00Z'))).toBe(3);
    // 2026-03-31 23:30 in China is still the due day (15:30 UTC)
    expect(CampaignFiling.send(null, 'f2', campaign, 'plan', province, {}, new Date('2026-03-31T15:30:00Z')).daysLate(april3)).toBe(0);
    expect(pullEvents(f).map((e) => [e.type, e.payload.daysLate])).toEqual([['CampaignFilingSent', 3]]);
  });

  it('sends the summary once it is filed, and refuses an unknown kind or a note too long', () => {
    expect(code(() => CampaignFiling.send(null, 'f1', campaign, 'summary', province, {}, april3))).toBe('filing_summary_not_ready');
    expect(CampaignFiling.send(null, 'f1', { ...campaign, summaryFiledAt: april3 }, 'summary', province, {}, april3).dueDate).toBe('2026-11-30');
    expect(code(() => CampaignFiling.send(null, 'f1', campaign, 'budget' as never, province, {}, april3))).toBe('invalid_request');
    expect(code(() => CampaignFiling.send(null, 'f1', campaign, 'plan', province, { note: 'x'.repeat(2001) }, april3))).toBe('filing_note_too_long');
  });

  it('refuses a second sending unless the national bureau returned it', () => {
    const f = CampaignFiling.send(null, 'f1', campaign, 'plan', province, {}, april3);
    expect(code(() => CampaignFiling.send(f, 'f2', campaign, 'plan', province, {}, april3))).toBe('filing_already_sent');
    f.returnToProvince(nation, '缺少工作进度安排', april3);
    const again = CampaignFiling.send(f, 'f2', campaign, 'plan', province, { note: '已补充' }, new Date('2026-04-05T02:00:00Z'));
    expect(again).toBe(f);
    expect(again).toMatchObject({ id: 'f1', status: 'sent', sendCount: 2, note: '已补充', returnReason: '缺少工作进度安排' });
    expect(again.daysLate(april3)).toBe(5);
  });
});

describe('the national bureau on a filing', () => {
  it('alone acknowledges it, once', () => {
    const f = CampaignFiling.send(null, 'f1', campaign, 'plan', province, {}, april3);
    expect(code(() => f.acknowledge(province, april3))).toBe('filing_national_only');
    f.acknowledge(nation, april3);
    expect(f).toMatchObject({ status: 'acknowledged', acknowledgedBy: '王建国' });
    expect(code(() => f.acknowledge(nation, april3))).toBe('filing_not_sent');
    expect(code(() => f.returnToProvince(nation, '理由', april3))).toBe('filing_not_sent');
    expect(code(() => CampaignFiling.send(f, 'f2', campaign, 'plan', province, {}, april3))).toBe('filing_already_sent');
  });

  it('returns it with a reason only', () => {
    const f = CampaignFiling.send(null, 'f1', campaign, 'plan', province, {}, april3);
    expect(code(() => f.returnToProvince(province, '理由', april3))).toBe('filing_national_only');
    expect(code(() => f.returnToProvince(nation, '  ', april3))).toBe('filing_reason_required');
    expect(f.status).toBe('sent');
    f.returnToProvince(nation, '缺少附件', april3);
    expect(f).toMatchObject({ status: 'returned', returnReason: '缺少附件', returnedBy: '王建国' });
    expect(code(() => f.acknowledge(nation, april3))).toBe('filing_not_sent');
  });
});

import { AcknowledgeNoticeCommand } from '../../src/contexts/notices/application/commands.js';
import { GetNoticeQuery } from '../../src/contexts/notices/application/queries.js';
import { GetCampaignQuery } from '../../src/contexts/campaigns/application/queries.js';
import { ConfirmFindingCommand, DeemFindingsConfirmedCommand, LegalReviewCommand } from '../../src/contexts/findings/application/commands.js';
import { MarkDocumentRequestOverdueCommand } from '../../src/contexts/spot-checks/application/document-request.commands.js';
import { MarkInspectionOverdueCommand } from '../../src/contexts/spot-checks/application/agency-inspection.commands.js';
import type { Actor } from '../../src/kernel/actor.js';

const actor: Actor = {
  userId: 'u1', username: 'nj.agency', displayName: '南京', roles: ['city_agency_staff'],
  regionPath: '/32/3201/', organizationId: 'agency-3201', organizationKind: 'agency',
};

// TargetedCommand: a command on one aggregate records that aggregate's id as its audit target and,
// unless it says more, nothing of its input; the command keeps no extra visible field for it.
describe('commands on one aggregate', () => {
  it('record the aggregate id as the audit target and an empty payload', () => {
    const commands = [
      [new ConfirmFindingCommand(actor, 'finding-1'), 'finding-1'],
      [new AcknowledgeNoticeCommand(actor, 'notice-1'), 'notice-1'],
      [new DeemFindingsConfirmedCommand(actor, 'inspection-1'), 'inspection-1'],
      [new MarkInspectionOverdueCommand(actor, 'inspection-2'), 'inspection-2'],
      [new MarkDocumentRequestOverdueCommand(actor, 'request-1'), 'request-1'],
    ] as const;
    for (const [command, id] of commands) {
      expect(command.auditTarget()).toBe(id);
      expect(command.auditPayload()).toEqual({});
    }
  });

  it('keep the id under their own name and say more where they override the payload', () => {
    const c = new LegalReviewCommand(actor, 'decision-1', true, '同意');
    expect(c.decisionId).toBe('decision-1');
    expect(c.auditTarget()).toBe('decision-1');
    expect(c.auditPayload()).toEqual({ approved: true, comment: '同意' });
    expect(Object.keys(new ConfirmFindingCommand(actor, 'finding-1')).sort()).toEqual(['actor', 'findingId']);
  });

  it('a query by id carries the id as it came, and the actor', () => {
    for (const q of [new GetNoticeQuery(actor, 'n-1'), new GetCampaignQuery(actor, 'n-1')]) {
      expect(q.id).toBe('n-1');
      expect(q.actor).toBe(actor);
      expect(Object.keys(q).sort()).toEqual(['actor', 'id']);
    }
  });
});

import { Notice } from '../../src/contexts/notices/domain/notice.js';
import { noticeWorkflowRoutes } from '../../src/contexts/notices/infrastructure/notice-workflow.routes.js';
import { pullEvents } from '../../src/kernel/aggregate.js';
import type { Actor } from '../../src/kernel/actor.js';
import { DomainError } from '../../src/kernel/errors.js';

const city: Actor = {
  userId: 'u1', username: 'nj.agency', displayName: '南京', roles: ['city_agency_staff'],
  regionPath: '/32/3201/', organizationId: 'agency-3201', organizationKind: 'agency',
};
const county: Actor = { ...city, userId: 'u2', username: 'xw.staff', regionPath: '/32/3201/320102/', organizationId: 'agency-320102' };

function send(overrides: Partial<Parameters<typeof Notice.send>[0]> = {}) {
  return Notice.send({
    id: '00000000-0000-4000-8000-000000000001',
    sender: city,
    recipient: { id: 'agency-320102', regionPath: '/32/3201/320102/' },
    title: '关于报送方案的通知',
    body: '正文',
    sentAt: new Date('2026-05-01T01:00:00Z'),
    dueDate: '2026-05-08',
    remindAt: new Date('2026-05-07T01:00:00Z'),
    dueAt: new Date('2026-05-08T15:59:59.999Z'),
    ...overrides,
  });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a domain error';
  }
  return 'no error';
}

describe('Notice', () => {
  it('is owned by the recipient and records NoticeSent with the sender for the workflow', () => {
    const n = send();
    expect(n.ownerOrgId).toBe('agency-320102');
    expect(n.regionPath).toBe('/32/3201/320102/');
    const [event] = pullEvents(n);
    expect(event.type).toBe('NoticeSent');
    expect(event.payload).toMatchObject({ dueDate: '2026-05-08', sender: { username: 'nj.agency' } });
  });

  it('goes only down the sender’s subtree', () => {
    expect(codeOf(() => send({ recipient: { id: 'agency-320508', regionPath: '/32/3205/320508/' } }))).toBe('notice_recipient_outside');
    expect(codeOf(() => send({ recipient: { id: 'agency-3201', regionPath: '/32/3201/' } }))).toBe('notice_recipient_outside');
    expect(codeOf(() => send({ title: ' x ' }))).toBe('notice_title_length');
    expect(codeOf(() => send({ body: '   ' }))).toBe('notice_body_length');
  });

  it('is acknowledged once, by the recipient only', () => {
    const n = send();
    pullEvents(n);
    expect(codeOf(() => n.acknowledge(city, new Date()))).toBe('notice_not_recipient');
    n.acknowledge(county, new Date('2026-05-02T01:00:00Z'));
    expect(n.status).toBe('acknowledged');
    expect(codeOf(() => n.acknowledge(county, new Date()))).toBe('notice_already_acknowledged');
    expect(pullEvents(n).map((e) => e.type)).toEqual(['NoticeAcknowledged']);
  });

  it('is marked overdue once, and not after acknowledgement', () => {
    const n = send();
    expect(n.markOverdue()).toBe(true);
    expect(n.markOverdue()).toBe(false);
    const m = send();
    m.acknowledge(county, new Date());
    expect(m.markOverdue()).toBe(false);
    expect(m.needsReminder()).toBe(false);
  });

  it('routes to the workflow keyed by the notice id; the signal carries the outbox message id', () => {
    const n = send();
    n.acknowledge(county, new Date('2026-05-02T01:00:00Z'));
    const [sent, acked] = pullEvents(n);
    expect(noticeWorkflowRoutes.NoticeSent(sent, 'm1')).toMatchObject({
      kind: 'start',
      workflowType: 'noticeAcknowledgementWorkflow',
      workflowId: 'notice-00000000-0000-4000-8000-000000000001',
      args: [{ noticeId: n.id, remindAt: '2026-05-07T01:00:00.000Z', actor: { organizationId: 'agency-3201' } }],
    });
    expect(noticeWorkflowRoutes.NoticeAcknowledged(acked, 'm2')).toEqual({
      kind: 'signal',
      workflowId: 'notice-00000000-0000-4000-8000-000000000001',
      signal: 'noticeAcknowledged',
      args: [{ messageId: 'm2', acknowledgedAt: '2026-05-02T01:00:00.000Z' }],
    });
  });
});

import type { Actor } from '../../src/kernel/actor.js';
import type { NotificationInput } from '../../src/platform/notifications/notifications.js';
import { AcknowledgeNoticeCommand, MarkNoticeOverdueCommand, RemindNoticeRecipientCommand } from '../../src/contexts/notices/application/commands.js';
import { AcknowledgeNoticeHandler, MarkNoticeOverdueHandler, RemindNoticeRecipientHandler } from '../../src/contexts/notices/application/acknowledge-notice.handler.js';

// The notice's steps after it is sent (one base since issue 14): who is told, under which key, with
// which link — the acknowledgement and the overdue flag to the sender, the reminder to the recipient.

const XW: Actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: '玄武区经办', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency',
};

function fixture(state: { reminder: boolean; overdue: boolean }) {
  const delivered: NotificationInput[] = [];
  const saved: unknown[] = [];
  const notice = {
    id: 'n-1', title: '关于报送材料的通知', dueDate: '2027-03-05',
    senderOrgId: 'agency-3201', senderRegionPath: '/32/3201/', recipientOrgId: 'agency-320102', regionPath: '/32/3201/320102/',
    acknowledge: () => undefined, needsReminder: () => state.reminder, markOverdue: () => state.overdue,
  };
  const notices = { load: async () => notice, save: async (n: unknown) => { saved.push(n); } };
  const notifications = { deliver: async (_em: unknown, n: NotificationInput) => { delivered.push(n); return true; } };
  const deps = [{ em: {} }, notices, notifications] as never[];
  return { delivered, saved, deps };
}

describe('notice steps', () => {
  it('an acknowledgement is saved and told to the sender (notice-ack-<id>)', async () => {
    const f = fixture({ reminder: false, overdue: false });
    await new (AcknowledgeNoticeHandler as never as new (...a: never[]) => AcknowledgeNoticeHandler)(...f.deps).execute(new AcknowledgeNoticeCommand(XW, 'n-1'));
    expect(f.saved).toHaveLength(1);
    expect(f.delivered).toEqual([{
      recipientOrgId: 'agency-3201', recipientRegionPath: '/32/3201/',
      titleZh: '通知已签收：关于报送材料的通知', titleEn: 'Notice acknowledged: 关于报送材料的通知',
      bodyZh: '玄武区经办 已签收。', bodyEn: 'Acknowledged by 玄武区经办.', link: '/notices/n-1', dedupeKey: 'notice-ack-n-1',
    }]);
  });

  it('a reminder goes to the recipient (notice-remind-<id>), only while one is needed', async () => {
    const f = fixture({ reminder: true, overdue: false });
    const remind = new (RemindNoticeRecipientHandler as never as new (...a: never[]) => RemindNoticeRecipientHandler)(...f.deps);
    expect(await remind.execute(new RemindNoticeRecipientCommand(XW, 'n-1'))).toBe(true);
    expect(f.delivered.map((n) => [n.recipientOrgId, n.recipientRegionPath, n.dedupeKey, n.link, n.titleZh])).toEqual([
      ['agency-320102', '/32/3201/320102/', 'notice-remind-n-1', '/notices/n-1', '签收提醒：关于报送材料的通知'],
    ]);
    const none = fixture({ reminder: false, overdue: false });
    expect(await new (RemindNoticeRecipientHandler as never as new (...a: never[]) => RemindNoticeRecipientHandler)(...none.deps).execute(new RemindNoticeRecipientCommand(XW, 'n-1'))).toBe(false);
    expect(none.delivered).toEqual([]);
  });

  it('an overdue notice is saved and told to the sender (notice-overdue-<id>), once', async () => {
    const f = fixture({ reminder: false, overdue: true });
    const mark = new (MarkNoticeOverdueHandler as never as new (...a: never[]) => MarkNoticeOverdueHandler)(...f.deps);
    expect(await mark.execute(new MarkNoticeOverdueCommand(XW, 'n-1'))).toBe(true);
    expect(f.saved).toHaveLength(1);
    expect(f.delivered.map((n) => [n.recipientOrgId, n.dedupeKey, n.bodyEn])).toEqual([['agency-3201', 'notice-overdue-n-1', 'The recipient did not acknowledge by 2027-03-05.']]);
    const again = fixture({ reminder: false, overdue: false });
    expect(await new (MarkNoticeOverdueHandler as never as new (...a: never[]) => MarkNoticeOverdueHandler)(...again.deps).execute(new MarkNoticeOverdueCommand(XW, 'n-1'))).toBe(false);
    expect([again.saved, again.delivered]).toEqual([[], []]);
  });
});

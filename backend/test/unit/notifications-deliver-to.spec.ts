import type { AppConfig } from '../../src/platform/config/config.js';
import { Notifications } from '../../src/platform/notifications/notifications.js';

// deliverTo: the "tell this organization if it exists" the handlers of findings, campaigns and
// agency inspections wrote out each time (issue 14 duplicates).

function fakeEm() {
  const calls: unknown[][] = [];
  return { calls, execute: async (_sql: string, params: unknown[]) => { calls.push(params); return [{ inserted: true }]; } };
}
const message = { titleZh: '标题', titleEn: 'Title', bodyZh: '正文', bodyEn: 'Body', link: '/findings/1', dedupeKey: 'k-1' };

describe('Notifications.deliverTo', () => {
  const notifications = new Notifications({ smtpUrl: null } as unknown as AppConfig);

  it('delivers to the organization found, with its id and region path', async () => {
    const em = fakeEm();
    expect(await notifications.deliverTo(em as never, { id: 'agency-320102', regionPath: '/32/3201/320102/' }, message)).toBe(true);
    expect(em.calls).toHaveLength(1);
    expect(em.calls[0]!.slice(1, 3)).toEqual(['/32/3201/320102/', 'agency-320102']);
    expect(em.calls[0]!.slice(3)).toEqual(['标题', 'Title', '正文', 'Body', '/findings/1', 'k-1']);
  });

  it('tells nobody (false, no statement) when the organization was not found', async () => {
    const em = fakeEm();
    expect(await notifications.deliverTo(em as never, undefined, message)).toBe(false);
    expect(await notifications.deliverTo(em as never, null, message)).toBe(false);
    expect(em.calls).toEqual([]);
  });
});

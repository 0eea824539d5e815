import type { TestApp } from './app.js';
import type { TestUser } from './tokens.js';

/** A notice as POST /api/notices takes it. */
export interface NoticeDraft {
  recipientOrgId: string;
  title: string;
  body: string;
  workingDays: number;
}

/** `from` sends the notice (POST /api/notices) and is answered `status` (an error's code otherwise): the answer. */
export async function sendNotice(t: TestApp, from: TestUser, draft: NoticeDraft, status = 201): Promise<{ status: number; body: any }> {
  const res = await t.call(from, 'POST', '/api/notices', draft);
  expect([res.status, res.body?.error?.code]).toEqual([status, status === 201 ? undefined : expect.any(String)]);
  return res;
}

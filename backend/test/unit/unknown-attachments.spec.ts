import { attachmentsNotOwned, unknownAttachments } from '../../src/platform/attachments/attachments.js';
import { DomainError } from '../../src/kernel/errors.js';

// The one check every context makes of the attachment ids a user names (issue 14: was a copy per
// repository, of which three compared the stored lower-case id with the id as given, so an upper-case
// uuid of the user's own upload was refused there and accepted elsewhere).

const OWN = '0b9f8c2e-4d1a-4c3b-9a7e-5f6d8e9a0b1c';
const OTHER = '7c6b5a49-3827-4165-8e4d-3c2b1a098f7e';

function fakeEm(stored: string[]) {
  const calls: { sql: string; params: unknown[] }[] = [];
  return {
    calls,
    execute: async <T>(sql: string, params: unknown[] = []): Promise<T> => {
      calls.push({ sql, params });
      const wanted = String(params[0]).replace(/[{}"]/g, '').split(',').map((id) => id.toLowerCase());
      return stored.filter((id) => wanted.includes(id)).map((id) => ({ id })) as T;
    },
  };
}

describe('unknownAttachments', () => {
  it('names, in the order given, the malformed ids and those not among the owner’s uploads; a uuid matches in either case', async () => {
    const em = fakeEm([OWN]);
    const unknown = await unknownAttachments(em as never, ['x', OWN.toUpperCase(), OTHER, OWN], 'inst-320102-0001');
    expect(unknown).toEqual(['x', OTHER]);
    expect(em.calls).toHaveLength(1);
    expect(em.calls[0]!.params[1]).toBe('inst-320102-0001');
    expect(em.calls[0]!.sql).toContain('owner_org_id = ?');
  });

  it('asks nothing when no id is a uuid', async () => {
    const em = fakeEm([OWN]);
    expect(await unknownAttachments(em as never, [], 'o')).toEqual([]);
    expect(await unknownAttachments(em as never, ['../etc/passwd'], 'o')).toEqual(['../etc/passwd']);
    expect(em.calls).toEqual([]);
  });
});

describe('attachmentsNotOwned', () => {
  it('is a bilingual 400 naming the uploader and the ids, with the ids and any further details', () => {
    const e = attachmentsNotOwned([OTHER, 'x'], { zh: '本机构', en: 'the institution' }, { field: 'attachmentIds' });
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('attachment_unknown');
    expect(e.kind).toBe('validation');
    expect(e.text).toEqual({
      zh: `附件不存在或不是本机构上传的：${OTHER}、x`,
      en: `attachments not found or not uploaded by the institution: ${OTHER}, x`,
    });
    expect(e.details).toEqual({ field: 'attachmentIds', attachmentIds: [OTHER, 'x'] });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { CaseDetail } from '../../src/contexts/enforcement/application/queries.js';
import { dossierDefinition } from '../../src/contexts/enforcement/infrastructure/case-dossier-pdf.js';

// Issue 18: the case file's (卷宗) definition — on the shared official page, a table of contents over
// the ten parts, every timeline entry with its action in Chinese and its documents' SHA-256 (grouped so
// that the column wraps it). The integration spec renders it and reads the outline back.

const sha = 'ab'.repeat(32);
const base = {
  id: 'c1', caseNo: 7, source: 'lead', sourceRef: 'XS-1', subject: '串换药品', region: { code: '320102', name: '玄武区' },
  institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' }, bureau: { id: 'bureau-320102', name: '南京市玄武区医疗保障局' },
  amountInvolved: '150000.00', major: false, status: 'legal_reviewed', dueDate: '2027-03-07', overdue: false, penaltyAmount: null, recoveryAmount: null,
  proposedAt: '2026-12-07T02:00:00.000Z', filedAt: '2026-12-07T03:00:00.000Z', decidedAt: null, publishedAt: null, closedAt: null,
  facts: '经查……', proposedBy: 'xw.bureau',
  investigation: { officers: [{ userId: 'u1', name: '执法员甲' }, { userId: 'u2', name: '执法员乙' }],
    records: [{ kind: 'interview', title: '询问笔录', summary: '承认', documents: [{ attachmentId: 'a1', filename: '笔录.pdf', sha256: sha }], by: '执法员甲', byUserId: 'u1', at: '2026-12-07T03:30:00.000Z' }] },
  notice: null, statement: null, legalReview: { approved: true, opinion: '事实清楚', by: 'xw.legal', byUserId: 'u9', at: '2026-12-07T06:00:00.000Z' },
  deliberation: null, decision: null, service: null, execution: [], remedy: null, extension: null,
  timeline: [
    { at: '2026-12-07T03:30:00.000Z', action: 'record_interview', by: '执法员甲', organizationId: 'bureau-320102', comment: '询问笔录', documents: [{ attachmentId: 'a1', filename: '笔录.pdf', sha256: sha }] },
    { at: '2026-12-07T06:00:00.000Z', action: 'legal_review_approved', by: 'xw.legal', organizationId: 'bureau-320102', comment: '事实清楚', documents: [] },
  ],
} as unknown as CaseDetail;

const texts = (node: unknown, out: string[] = []): string[] => {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const x of node) texts(x, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (k === 'text' || typeof v === 'object') texts(v, out);
  return out;
};

describe('the case file (卷宗) definition', () => {
  const def = dossierDefinition(base, new Date('2026-12-08T01:00:00Z')) as { content: unknown[]; footer: unknown; info: { title: string } };

  it('is an official page with a table of contents over the ten parts', () => {
    expect(def.info.title).toBe('行政执法案件卷宗-第7号');
    expect(typeof def.footer).toBe('function');
    expect(def.content.some((n) => typeof n === 'object' && n !== null && 'toc' in n)).toBe(true);
    const parts = def.content.filter((n): n is { text: string; tocItem: boolean } => typeof n === 'object' && n !== null && (n as { tocItem?: boolean }).tocItem === true);
    expect(parts.map((p) => p.text)).toEqual(['一、立案', '二、调查取证', '三、事先告知与陈述申辩', '四、法制审核', '五、集体讨论', '六、处理决定', '七、送达与公示',
      '八、执行情况', '九、行政复议与行政诉讼', '十、全过程记录']);
  });

  it('prints each step: who, when (China time), what in Chinese, and the documents\' SHA-256', () => {
    const all = texts(def.content).join('\n');
    expect(all).toContain(`笔录.pdf\nSHA-256 ${sha.slice(0, 16)} ${sha.slice(16, 32)} ${sha.slice(32, 48)} ${sha.slice(48)}`);
    expect(all).toContain('法制审核通过');
    expect(all).toContain('2026-12-07 11:30');
    expect(all).toContain('执法员甲、执法员乙');
    expect(all).toContain('非重大案件，无须集体讨论。');
    expect(all).toContain('打印时间：2026-12-08 09:00');
  });
});

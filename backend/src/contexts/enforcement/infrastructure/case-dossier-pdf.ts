import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import { headedTable as table, heading, officialDocument } from '../../../platform/documents/page.js';
import type { CaseDetail } from '../application/queries.js';
import { CASE_STATUS_ZH, type CaseDocument, type RecordKind } from '../domain/enforcement-case.js';

// The case file (卷宗, issue 18): the whole-process record of an enforcement case as one PDF — a cover,
// a table of contents with page numbers (also the PDF's outline), then each part of the procedure and
// every timeline entry with who, when, what and the documents' SHA-256 hashes.

const SOURCE_ZH = { transfer: '案件移送', lead: '问题线索', inspection: '检查发现', other: '其他来源' } as const;
const RECORD_ZH: Record<RecordKind, string> = { interview: '询问笔录', evidence: '证据材料', inquiry: '调查询问', inspection: '现场检查' };

/** The timeline's actions in Chinese (the domain's `log` names). */
export const CASE_ACTION_ZH: Record<string, string> = {
  proposed: '提请立案', filed: '批准立案', rejected: '不予立案', officers_assigned: '指派执法人员',
  record_interview: '询问笔录', record_evidence: '证据材料', record_inquiry: '调查询问', record_inspection: '现场检查',
  notified: '事先告知拟处罚', statement: '陈述申辩', legal_review_approved: '法制审核通过', legal_review_refused: '法制审核未通过',
  deliberated: '集体讨论', decided: '作出处理决定', served: '送达', published: '执法公示', execution: '执行情况',
  reconsideration: '行政复议', litigation: '行政诉讼', extended: '延长办案期限', closed: '结案', overdue: '办案逾期',
};

const yuan = (v: string | null | undefined) => (v == null ? '—' : `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);
/** An instant in China's time (UTC+8), to the minute. */
const when = (iso: string | null | undefined) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');
/** The hash in groups of 16 so that the column wraps it (pdfmake breaks lines only at spaces). */
const grouped = (sha256: string) => sha256.match(/.{1,16}/g)?.join(' ') ?? sha256;
const docsText = (docs: readonly CaseDocument[]) => (docs.length ? docs.map((d) => `${d.filename}\nSHA-256 ${grouped(d.sha256)}`).join('\n') : '—');
const SMALL = { fontSize: 9 };
const none = (text: string) => ({ text, color: '#666666', margin: [0, 0, 0, 6] });

/** A numbered part of the file: its heading is an entry of the table of contents and of the outline. */
const part = (title: string) => ({ ...heading(title), tocItem: true });

@Injectable()
export class CaseDossierPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(c: CaseDetail): Promise<Buffer> {
    return this.pdf.render(() => dossierDefinition(c, new Date()), 'case_dossier_pdf_font_missing');
  }
}

export function dossierDefinition(c: CaseDetail, printedAt: Date): object {
  const title = '行政执法案件卷宗';
  const r = c.legalReview;
  const content: unknown[] = [
    // The cover.
    { text: c.bureau.name, alignment: 'center', fontSize: 14, margin: [0, 120, 0, 24] },
    { text: title, style: 'title', fontSize: 26 },
    { text: `案件编号：第 ${c.caseNo} 号`, style: 'meta', fontSize: 11 },
    table([100, '*'], ['事项', '内容'], [
      ['案由', c.subject], ['当事机构', c.institution ? `${c.institution.name}（${c.institution.id}）` : '—'],
      ['涉及地区', `${c.region.name}（${c.region.code}）`], ['案件来源', `${SOURCE_ZH[c.source]}${c.sourceRef ? `（${c.sourceRef}）` : ''}`],
      ['办理状态', `${CASE_STATUS_ZH[c.status]}${c.major ? '（重大案件）' : ''}${c.overdue ? '（逾期）' : ''}`],
      ['立案日期', when(c.filedAt)], ['决定日期', when(c.decidedAt)], ['结案日期', when(c.closedAt)],
    ], { margin: [40, 24, 40, 0] }),
    { text: `打印时间：${when(printedAt.toISOString())}`, style: 'meta', margin: [0, 48, 0, 0] },
    // The table of contents, page numbers filled in by the layout.
    { toc: { title: { text: '目　录', style: 'title' }, outlines: true, textMargin: [0, 2, 0, 2] }, pageBreak: 'before' },

    { ...part('一、立案'), pageBreak: 'before' },
    table([100, '*'], ['事项', '内容'], [
      ['提请人', `${c.proposedBy}（${when(c.proposedAt)}）`], ['涉及金额', yuan(c.amountInvolved)], ['案件事实', c.facts],
      ['办案期限', c.dueDate ?? '—'],
      ...(c.extension ? [['延长期限', `${c.extension.fromDate} 延长至 ${c.extension.toDate}（${c.extension.days} 日）：${c.extension.reason}；${c.extension.by}`]] : []),
    ]),

    part('二、调查取证'),
    c.investigation.officers.length
      ? { text: `执法人员：${c.investigation.officers.map((o) => o.name).join('、')}`, margin: [0, 0, 0, 6] } : none('尚未指派执法人员。'),
    c.investigation.records.length
      ? table([24, 56, '*', 70, 150], ['序号', '类型', '标题与内容', '记录人', '附件及 SHA-256'], c.investigation.records.map((rec, i) => [
        String(i + 1), RECORD_ZH[rec.kind], `${rec.title}\n${rec.summary}`, `${rec.by}\n${when(rec.at)}`, { text: docsText(rec.documents), ...SMALL },
      ]), SMALL)
      : none('尚无调查取证记录。'),

    part('三、事先告知与陈述申辩'),
    c.notice
      ? table([100, '*'], ['事项', '内容'], [
        ['拟罚款', yuan(c.notice.proposedPenalty)], ['拟追回', yuan(c.notice.proposedRecovery)], ['法律依据', c.notice.legalBasis],
        ['告知人', `${c.notice.by}（${when(c.notice.at)}）`],
        ...(c.statement ? [
          ['当事人陈述', c.statement.statement], ['申辩意见', c.statement.defence ?? '—'], ['申请听证', c.statement.hearingRequested ? '是' : '否'],
          ['记录人', `${c.statement.by}（${when(c.statement.at)}）`],
        ] : [['当事人陈述', '尚未记录']]),
      ])
      : none('尚未告知拟处罚。'),

    part('四、法制审核'),
    r ? table([100, '*'], ['事项', '内容'], [['审核结论', r.approved ? '通过' : '不通过'], ['审核意见', r.opinion], ['审核人', `${r.by}（${when(r.at)}）`]])
      : none('尚未进行法制审核。'),

    part('五、集体讨论'),
    c.deliberation
      ? table([100, '*'], ['事项', '内容'], [
        ['参加人员', c.deliberation.participants.join('、')], ['讨论记录', c.deliberation.minutes], ['讨论结论', c.deliberation.conclusion],
        ['记录人', `${c.deliberation.by}（${when(c.deliberation.at)}）`],
      ])
      : none(c.major ? '尚未集体讨论。' : '非重大案件，无须集体讨论。'),

    part('六、处理决定'),
    c.decision
      ? table([100, '*'], ['事项', '内容'], [
        ['罚款', yuan(c.decision.penaltyAmount)], ['追回医保基金', yuan(c.decision.recoveryAmount)], ['法律依据', c.decision.legalBasis],
        ['决定内容', c.decision.summary], ['决定人', `${c.decision.by}（${when(c.decision.at)}）`],
      ])
      : none('尚未作出处理决定。'),

    part('七、送达与公示'),
    table([100, '*'], ['事项', '内容'], [
      ['送达', c.service ? `${c.service.method}送达${c.service.recipient}（${c.service.servedOn}）；经办：${c.service.by}` : '尚未送达'],
      ['执法公示', c.publishedAt ? `已于 ${when(c.publishedAt)} 公示` : '尚未公示'],
    ]),

    part('八、执行情况'),
    c.execution.length
      ? table([24, 90, '*', 110], ['序号', '金额', '说明', '记录人'], c.execution.map((e, i) => [String(i + 1), yuan(e.paidAmount), e.note, `${e.by}\n${when(e.at)}`]))
      : none('尚无执行记录。'),

    part('九、行政复议与行政诉讼'),
    c.remedy
      ? table([100, '*'], ['事项', '内容'], [[c.remedy.kind === 'reconsideration' ? '行政复议' : '行政诉讼', c.remedy.outcome], ['记录人', `${c.remedy.by}（${when(c.remedy.at)}）`]])
      : none('无行政复议或行政诉讼记录。'),

    part('十、全过程记录'),
    table([24, 78, 66, 70, '*', 150], ['序号', '时间', '环节', '经办人', '内容', '附件及 SHA-256'], c.timeline.map((h, i) => [
      String(i + 1), when(h.at), CASE_ACTION_ZH[h.action] ?? h.action, h.by, h.comment ?? '—', { text: docsText(h.documents), ...SMALL },
    ]), { fontSize: 8.5 }),
  ];
  return officialDocument({ title: `${title}-第${c.caseNo}号`, margins: [48, 56, 48, 56], content });
}

import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import type { AuditDetail } from '../application/queries.js';
import { AREA_ZH } from '../domain/checklist.js';
import { STATUS_ZH } from '../domain/ic-audit.js';
import { POST_ZH } from '../domain/segregation-of-duties.js';
import { headedTable as table, heading, officialDocument } from '../../../platform/documents/page.js';

const RESULT_ZH = { compliant: '符合', deficient: '不符合', not_applicable: '不适用' } as const;
const FINDING_STATUS_ZH = { open: '待整改', rectification_submitted: '已提交整改', verified: '已核验', rejected: '核验未通过' } as const;


/** One agency's internal control audit report (内控检查报告), in Chinese. */
@Injectable()
export class IcReportPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(audit: AuditDetail): Promise<Buffer> {
    return this.pdf.render(() => definition(audit), 'ic_pdf_font_missing');
  }
}

function definition(a: AuditDetail): object {
  const title = `${a.agency.name}内部控制检查报告`;
  const none = { text: '（无）', color: '#666666' };
  const answers = new Map(a.selfAssessment.map((s) => [s.itemCode, s]));
  const results = new Map(a.results.map((r) => [r.itemCode, r]));
  return officialDocument({
    title,
    margins: [56, 60, 56, 56],
    content: [
      { text: title, style: 'title' },
      { text: `${a.followUpOf ? '“回头看”检查　' : ''}状态：${STATUS_ZH[a.status]}　清单版本：第 ${a.checklistVersion} 版`, style: 'meta' },
      heading('一、检查安排'),
      table(['*', '*'], ['事项', '内容'], [
        ['被检查单位', `${a.agency.name}（${a.agency.regionName}）`],
        ['通知日期', a.noticeDate], ['自查截止日期', a.selfAssessmentDue + (a.selfAssessmentOverdue ? '（逾期未提交）' : '')],
        ['现场检查', `${a.fieldworkStart} 至 ${a.fieldworkEnd}`],
        ['检查组', a.team.map((m) => `${m.name}（${m.organizationName}）`).join('、') || '（未确定）'],
      ]),
      heading('二、检查项目及结论'),
      table([44, 56, '*', 40, 40], ['编号', '领域', '检查内容', '自查', '检查'], a.checklist.map((i) => [
        i.code, AREA_ZH[i.area], i.text,
        answers.get(i.code) ? RESULT_ZH[answers.get(i.code)!.answer] : '—',
        results.get(i.code) ? RESULT_ZH[results.get(i.code)!.result] : '—',
      ])),
      heading('三、岗位设置'),
      a.staffPosts.length
        ? table([70, 70, '*'], ['工号', '姓名', '岗位'], a.staffPosts.map((s) => [s.personId, s.personName, s.posts.map((p) => POST_ZH[p]).join('、')]))
        : none,
      heading('四、发现的问题及整改'),
      a.findings.length
        ? table([18, 56, '*', 60, 56], ['序号', '领域', '问题及整改情况', '整改期限', '状态'], a.findings.map((f, i) => [
          String(i + 1), AREA_ZH[f.area],
          { text: [f.description, f.rectification ? `\n整改措施：${f.rectification.plan}` : '', f.verification?.comment ? `\n核验意见：${f.verification.comment}` : ''].join('') },
          f.rectificationDue + (f.overdue ? '（逾期）' : ''), FINDING_STATUS_ZH[f.status],
        ]))
        : { text: '本次检查未发现问题。' },
    ],
  });
}

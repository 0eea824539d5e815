import ExcelJS from 'exceljs';
import type { AuditSummary, Finding } from '../application/queries.js';
import { AREA_ZH } from '../domain/checklist.js';
import { STATUS_ZH } from '../domain/ic-audit.js';

const BOLD = { bold: true } as const;
const FINDING_STATUS_ZH = { open: '待整改', rectification_submitted: '已提交整改', verified: '已核验', rejected: '核验未通过' } as const;

/** The programme as a workbook: 审计计划 (one row per audit) and 发现问题 (one row per finding). */
export async function programmeWorkbook(year: number, audits: AuditSummary[], findings: (Finding & { auditId: string; agencyName: string })[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();

  const plan = book.addWorksheet('审计计划');
  plan.columns = [
    { header: '序号', width: 6 }, { header: '被检查单位', width: 28 }, { header: '行政区划', width: 14 }, { header: '类型', width: 10 },
    { header: '状态', width: 12 }, { header: '通知日期', width: 12 }, { header: '自查截止', width: 12 }, { header: '现场检查开始', width: 14 },
    { header: '现场检查结束', width: 14 }, { header: '检查组', width: 36 }, { header: '自查逾期', width: 10 }, { header: '问题数', width: 8 },
    { header: '未销号', width: 8 }, { header: '整改逾期', width: 10 },
  ];
  plan.getRow(1).font = BOLD;
  audits.forEach((a, i) => {
    plan.addRow([
      i + 1, a.agency.name, a.agency.regionName, a.followUpOf ? '回头看' : '计划检查', STATUS_ZH[a.status], a.noticeDate, a.selfAssessmentDue,
      a.fieldworkStart, a.fieldworkEnd, a.team.map((m) => `${m.name}（${m.organizationName}）`).join('、'), a.selfAssessmentOverdue ? '是' : '否',
      a.findings.total, a.findings.open, a.findings.overdue,
    ]);
  });

  const sheet = book.addWorksheet('发现问题');
  sheet.columns = [
    { header: '序号', width: 6 }, { header: '被检查单位', width: 28 }, { header: '检查领域', width: 12 }, { header: '检查项', width: 10 },
    { header: '来源', width: 12 }, { header: '问题描述', width: 60 }, { header: '整改期限', width: 12 }, { header: '状态', width: 12 },
    { header: '整改措施', width: 40 }, { header: '逾期', width: 8 },
  ];
  sheet.getRow(1).font = BOLD;
  findings.forEach((f, i) => {
    sheet.addRow([
      i + 1, f.agencyName, AREA_ZH[f.area], f.itemCode ?? '', f.source === 'segregation_of_duties' ? '岗位交叉检测' : '现场检查',
      f.description, f.rectificationDue, FINDING_STATUS_ZH[f.status], f.rectification?.plan ?? '', f.overdue ? '是' : '否',
    ]).alignment = { wrapText: true, vertical: 'top' };
  });
  void year;
  return Buffer.from(await book.xlsx.writeBuffer());
}

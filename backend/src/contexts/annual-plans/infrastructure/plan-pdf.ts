import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import type { PlanDetail } from '../application/queries.js';
import { headedTable as table, heading, officialDocument } from '../../../platform/documents/page.js';
import {
  doneByTask,
  focusAreaLabel,
  headerFacts,
  MONTHS_ZH,
  planTitle,
  sum,
  targetLabel,
  targetValueText,
} from './plan-document.js';



/** The plan as a printable PDF in the official layout. */
@Injectable()
export class PlanPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(plan: PlanDetail): Promise<Buffer> {
    return this.pdf.render(() => definition(plan), 'plan_pdf_font_missing');
  }
}

function definition(plan: PlanDetail): object {
  const content = plan.content;
  const missing = { text: '（尚未填写）', color: '#666666' };
  const done = doneByTask(plan);
  const scheduleRows = plan.schedule.flatMap((task, i) => {
    const reported = done.get(task.id)!;
    const num = (v: number | null) => ({ text: v === null ? '' : String(v), alignment: 'right' });
    return [
      [{ text: String(i + 1), rowSpan: 2 }, { text: task.title, rowSpan: 2 }, { text: task.owner, rowSpan: 2 },
        { text: targetLabel(plan, task.targetCode), rowSpan: 2 }, '计划', ...task.monthly.map(num), num(sum(task.monthly))],
      ['', '', '', '', '完成', ...reported.map(num), num(reported.some((v) => v !== null) ? sum(reported) : null)],
    ];
  });

  return officialDocument({
    title: planTitle(plan),
    margins: [56, 60, 56, 56],
    fontSize: 11,
    lineHeight: 1.4,
    styles: { heading: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] }, grid: { fontSize: 8, lineHeight: 1.2 } },
    content: [
      { text: planTitle(plan), style: 'title' },
      { text: headerFacts(plan).filter(([, v]) => v).map(([k, v]) => `${k}：${v}`).join('　'), style: 'meta' },
      heading('一、工作目标'),
      content?.targets.length
        ? table(['*', 60, 70], ['指标', '计量单位', '目标值'],
          content.targets.map((t) => [t.label, t.unit === 'percent' ? '百分比' : '数量', { text: targetValueText(t), alignment: 'right' }]))
        : missing,
      heading('二、重点领域'),
      content?.focusAreas.length ? { ol: content.focusAreas.map(focusAreaLabel) } : missing,
      heading('三、工作方法'),
      content?.methods ? { text: content.methods } : missing,
      heading('四、步骤安排'),
      content?.steps ? { text: content.steps } : missing,
      heading('五、责任人'),
      content?.responsiblePersons.length
        ? table(['*', '*', '*'], ['姓名', '职务', '联系电话'], content.responsiblePersons.map((p) => [p.name, p.title, p.phone ?? '']))
        : missing,
      { text: '工作推进配档表', style: 'title', pageBreak: 'before', pageOrientation: 'landscape' },
      { text: `${plan.unit.name}　${plan.year}年`, style: 'meta' },
      plan.schedule.length
        ? {
          style: 'grid',
          table: {
            headerRows: 1,
            widths: [18, '*', 60, 70, 24, ...MONTHS_ZH.map(() => 26), 32],
            body: [['序号', '工作任务', '责任人（处室）', '对应工作目标', '类别', ...MONTHS_ZH, '合计'].map((h) => ({ text: h, bold: true, alignment: 'center' })), ...scheduleRows],
          },
        }
        : missing,
    ],
  });
}

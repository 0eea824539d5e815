import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import pdfmake from 'pdfmake';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { DomainError } from '../../../shared/errors.js';
import type { PlanDetail } from '../application/queries.js';
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

const FONT = 'CJK';

/** A TrueType collection (.ttc) needs the name of the font inside it. */
function isCollection(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.toString('latin1') === 'ttcf';
  } finally {
    closeSync(fd);
  }
}

/**
 * The plan as a printable PDF in the official layout. Chinese needs a CJK font on the server;
 * without one the export is refused (503) rather than printing empty boxes.
 */
@Injectable()
export class PlanPdf {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'pdfFontPath' | 'pdfFontName'>) {}

  async render(plan: PlanDetail): Promise<Buffer> {
    const path = this.config.pdfFontPath;
    if (!existsSync(path)) {
      throw DomainError.unavailable('plan_pdf_font_missing', {
        zh: `服务器未安装 PDF 导出所需的中文字体（${path}），暂时无法导出 PDF，请联系管理员（可设置 PDF_FONT_PATH）`,
        en: `the Chinese font the PDF export needs is not installed on the server (${path}); ask the administrator to install it or set PDF_FONT_PATH`,
      });
    }
    const source = (): [string] | [string, string] => (isCollection(path) ? [path, this.config.pdfFontName] : [path]);
    // pdfmake keeps fonts and access policies on one shared instance: set them right before each
    // (synchronous) createPdf, with fresh arrays because pdfmake replaces the path by the file's bytes.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p === path);
    pdfmake.setFonts({ [FONT]: { normal: source(), bold: source() } });
    return pdfmake.createPdf(definition(plan)).getBuffer();
  }
}

function definition(plan: PlanDetail): object {
  const content = plan.content;
  const missing = { text: '（尚未填写）', color: '#666666' };
  const heading = (text: string) => ({ text, style: 'heading' });
  const table = (widths: (number | string)[], header: string[], body: unknown[][]) => ({
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, bold: true, alignment: 'center' })), ...body] },
    layout: 'lightHorizontalLines',
  });
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

  return {
    pageSize: 'A4',
    pageMargins: [56, 60, 56, 56],
    info: { title: planTitle(plan), creator: '医保基金监管平台' },
    defaultStyle: { font: FONT, fontSize: 11, lineHeight: 1.4 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      meta: { fontSize: 9, color: '#444444', alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      grid: { fontSize: 8, lineHeight: 1.2 },
    },
    footer: (page: number, pages: number) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
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
  };
}

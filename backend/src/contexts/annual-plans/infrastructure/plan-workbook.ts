import ExcelJS from 'exceljs';
import type { PlanDetail } from '../application/queries.js';
import {
  chinaDateTime,
  doneByTask,
  focusAreaLabel,
  headerFacts,
  MONTHS_ZH,
  planTitle,
  sum,
  targetLabel,
  targetValueText,
} from './plan-document.js';

const BOLD = { bold: true } as const;
const TITLE = { bold: true, size: 16 } as const;
const WRAP = { wrapText: true, vertical: 'top' } as const;

/** The plan as an Excel workbook: the 方案 sheet (the plan itself) and the 配档表 sheet (tasks × months). */
export async function planWorkbook(plan: PlanDetail): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '医保基金监管平台';
  book.created = new Date();

  const sheet = book.addWorksheet('方案');
  sheet.columns = [{ width: 28 }, { width: 40 }, { width: 14 }, { width: 16 }];
  sheet.addRow([planTitle(plan)]).font = TITLE;
  sheet.mergeCells(1, 1, 1, 4);
  for (const [label, value] of headerFacts(plan)) sheet.addRow([label, value]).getCell(1).font = BOLD;
  const content = plan.content;

  const section = (title: string) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = BOLD;
  };
  const text = (value: string) => {
    const row = sheet.addRow([value || '（尚未填写）']);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.alignment = WRAP;
    // Excel does not grow a merged cell's row to fit its text: about 60 characters to a line.
    const lines = value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 60)), 0);
    row.height = Math.min(409, 15 * lines);
  };

  section('一、工作目标');
  sheet.addRow(['指标代码', '指标名称', '计量单位', '目标值']).font = BOLD;
  for (const t of content?.targets ?? []) sheet.addRow([t.code, t.label, t.unit === 'percent' ? '百分比' : '数量', targetValueText(t)]);
  section('二、重点领域');
  (content?.focusAreas ?? []).forEach((area, i) => sheet.addRow([`${i + 1}. ${focusAreaLabel(area)}`]));
  section('三、工作方法');
  text(content?.methods ?? '');
  section('四、步骤安排');
  text(content?.steps ?? '');
  section('五、责任人');
  sheet.addRow(['姓名', '职务', '联系电话']).font = BOLD;
  for (const p of content?.responsiblePersons ?? []) sheet.addRow([p.name, p.title, p.phone ?? '']);

  const grid = book.addWorksheet('配档表');
  grid.columns = [
    { width: 6 }, { width: 30 }, { width: 16 }, { width: 24 }, { width: 8 },
    ...MONTHS_ZH.map(() => ({ width: 7 })), { width: 10 },
  ];
  const header = grid.addRow(['序号', '工作任务', '责任人（处室）', '对应工作目标', '类别', ...MONTHS_ZH, '全年合计']);
  header.font = BOLD;
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  const done = doneByTask(plan);
  plan.schedule.forEach((task, i) => {
    const planned = grid.addRow([i + 1, task.title, task.owner, targetLabel(plan, task.targetCode), '计划', ...task.monthly, sum(task.monthly)]);
    const reported = done.get(task.id)!;
    const doneRow = grid.addRow([null, null, null, null, '完成', ...reported, reported.some((v) => v !== null) ? sum(reported) : null]);
    for (let col = 1; col <= 4; col++) {
      grid.mergeCells(planned.number, col, doneRow.number, col);
      grid.getCell(planned.number, col).alignment = WRAP;
    }
  });
  grid.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  grid.addRow([]);
  grid.addRow([`导出时间：${chinaDateTime(new Date().toISOString())}（北京时间）`]);

  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import { headedTable as table, heading } from '../../../platform/documents/page.js';
import type { OutwardNotice } from '../application/outward-queries.js';
import { RECIPIENT_KIND_ZH, type RecipientKind } from '../domain/outward.js';
import { letterDocument, materialsTable, yuanZh as yuan } from './letter-page.js';

/** Why the case goes to this department (the body's reason and basis), per recipient kind. */
const REASON_ZH: Record<RecipientKind, string> = {
  police: '涉嫌犯罪，依法需要追究刑事责任。根据《行政执法机关移送涉嫌犯罪案件的规定》《医疗保障基金使用监督管理条例》及有关规定',
  health: '涉及医疗机构及其医务人员的执业行为，属于卫生健康部门职责范围。根据《医疗保障基金使用监督管理条例》及有关规定',
  market: '涉及药品、医用耗材的质量或经营行为，属于市场监管（药品监管）部门职责范围。根据《医疗保障基金使用监督管理条例》及有关规定',
  price: '涉及医疗服务和药品价格行为，属于价格主管部门职责范围。根据《医疗保障基金使用监督管理条例》及有关规定',
  discipline: '涉及公职人员违纪违法问题，属于纪检监察机关职责范围。根据《医疗保障基金使用监督管理条例》及有关规定',
};

/** The written notice (案件移送函) a bureau sends with a case to another department, in Chinese. */
@Injectable()
export class OutwardNoticePdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(n: OutwardNotice): Promise<Buffer> {
    return this.pdf.render(() => noticeDefinition(n), 'transfer_pdf_font_missing');
  }
}

export function noticeDefinition({ transfer: o, case: c }: OutwardNotice): object {
  const institution = c.institution ? `${c.institution.name}（${c.institution.id}）` : '（未指定）';
  const amount = o.amountInvolved ?? c.amountInvolved;
  return letterDocument({
    title: '医疗保障基金使用违法违规案件移送函',
    meta: `移送编号：第 ${o.noticeNo} 号　接收部门：${RECIPIENT_KIND_ZH[o.recipientKind]}`,
    to: o.recipientName,
    content: [
      {
        text: `　　我局在查处${c.institution?.name ?? ''}涉嫌违法违规使用医疗保障基金一案（${c.subject}）中，发现该案${REASON_ZH[o.recipientKind]}，`
          + '现将该案移送你单位依法处理。请在收到本函及所附材料后回复收件回执，并将处理结果书面反馈我局。',
      },
      heading('一、案件基本情况'),
      table([90, '*'], ['事项', '内容'], [
        ['执法案件编号', `第 ${c.caseNo} 号（${c.id}）`], ['涉及机构', institution], ['案由', c.subject], ['涉及金额', yuan(amount)], ['违法违规事实', c.facts],
      ]),
      heading('二、移送材料清单'),
      materialsTable(o.materials),
      heading('三、反馈要求'),
      { text: `　　请于 ${o.followUpDue} 前将受理及处理情况反馈我局；移送不影响我局对该案依法作出的行政处理。` },
    ],
    from: o.bureau.name, day: o.noticeDate, by: o.createdBy,
  });
}

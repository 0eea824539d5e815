import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import { headedTable as table, heading } from '../../../platform/documents/page.js';
import type { TransferDetail } from '../application/queries.js';
import { TRANSFER_STATUS_ZH } from '../domain/transfer.js';
import { letterDocument, materialsTable, yuanZh as yuan } from './letter-page.js';

const SOURCE_ZH = { finding: '问题认定', decision: '处理决定', lead: '线索' } as const;

/** The transfer letter (案件移交函) an agency sends to the bureau of its region, in Chinese. */
@Injectable()
export class TransferLetterPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(t: TransferDetail): Promise<Buffer> {
    return this.pdf.render(() => definition(t), 'transfer_pdf_font_missing');
  }
}

export function definition(t: TransferDetail): object {
  return letterDocument({
    title: '医疗保障基金使用违法违规案件移交函',
    meta: `移交编号：第 ${t.transferNo} 号　状态：${TRANSFER_STATUS_ZH[t.status]}`,
    to: t.bureau.name,
    content: [
      {
        text: `　　我机构在医疗保障基金使用监督管理工作中发现${t.institution.name}涉嫌违法违规使用医疗保障基金（${t.subject}），`
          + `涉及金额${yuan(t.amountInvolved)}。根据《医疗保障基金使用监督管理条例》及有关规定，现将该案件线索及相关材料移交你局依法处理，`
          + '请将处理结果及时反馈我机构。',
      },
      heading('一、案件基本情况'),
      table([90, '*'], ['事项', '内容'], [
        ['涉及机构', `${t.institution.name}（${t.institution.id}）`], ['所属地区', `${t.region.name}（${t.region.code}）`],
        ['来源', `${SOURCE_ZH[t.sourceKind]}（${t.sourceId}）`], ['涉及金额', yuan(t.amountInvolved)], ['违法违规事实', t.facts],
      ]),
      heading('二、移交材料清单'),
      materialsTable(t.materials),
    ],
    from: t.agency.name, day: t.sentAt.slice(0, 10), by: t.sentBy,
  });
}

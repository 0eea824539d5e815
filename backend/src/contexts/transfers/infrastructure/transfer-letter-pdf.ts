import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '../../../platform/documents/pdf-renderer.js';
import { headedTable as table, heading, officialDocument } from '../../../platform/documents/page.js';
import type { TransferDetail } from '../application/queries.js';
import { MATERIAL_KIND_ZH, TRANSFER_STATUS_ZH } from '../domain/transfer.js';

const SOURCE_ZH = { finding: '问题认定', decision: '处理决定', lead: '线索' } as const;

const yuan = (v: string | null) => (v === null ? '（未认定）' : `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);

/** The transfer letter (案件移交函) an agency sends to the bureau of its region, in Chinese. */
@Injectable()
export class TransferLetterPdf {
  constructor(private readonly pdf: PdfRenderer) {}

  render(t: TransferDetail): Promise<Buffer> {
    return this.pdf.render(() => definition(t), 'transfer_pdf_font_missing');
  }
}

export function definition(t: TransferDetail): object {
  const title = '医疗保障基金使用违法违规案件移交函';
  const day = t.sentAt.slice(0, 10);
  return officialDocument({
    title,
    margins: [56, 60, 56, 56],
    content: [
      { text: title, style: 'title' },
      { text: `移交编号：第 ${t.transferNo} 号　状态：${TRANSFER_STATUS_ZH[t.status]}`, style: 'meta' },
      { text: `${t.bureau.name}：`, margin: [0, 12, 0, 6] },
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
      table([24, 70, 110, '*'], ['序号', '种类', '编号', '名称'], t.materials.map((m, i) => [String(i + 1), MATERIAL_KIND_ZH[m.kind], m.ref, m.title])),
      { text: `${t.agency.name}\n${day}`, alignment: 'right', margin: [0, 24, 0, 0] },
      { text: `经办人：${t.sentBy}`, style: 'meta', margin: [0, 12, 0, 0] },
    ],
  });
}

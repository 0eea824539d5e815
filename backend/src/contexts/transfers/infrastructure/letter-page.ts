import { headedTable, officialDocument } from '../../../platform/documents/page.js';
import { MATERIAL_KIND_ZH, type TransferMaterial } from '../domain/transfer.js';

// What the transfers' letters share (the transfer letter 案件移交函, the outward notice 案件移送函): the official
// page with the letters' margins, the amount in yuan, the list of materials, the sender's sign-off.

/** A yuan amount as the letters print it, or 「（未认定）」. */
export const yuanZh = (v: string | null) => (v === null ? '（未认定）' : `${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);

/** The materials' table (序号、种类、编号、名称). */
export function materialsTable(materials: TransferMaterial[]): object {
  return headedTable([24, 70, 110, '*'], ['序号', '种类', '编号', '名称'], materials.map((m, i) => [String(i + 1), MATERIAL_KIND_ZH[m.kind], m.ref, m.title]));
}

/** A letter on the official page: its title, the meta line under it, the addressee, the body, then the sender, the day and who handled it. */
export function letterDocument(l: { title: string; meta: string; to: string; content: unknown[]; from: string; day: string; by: string }): object {
  return officialDocument({
    title: l.title,
    margins: [56, 60, 56, 56],
    content: [
      { text: l.title, style: 'title' },
      { text: l.meta, style: 'meta' },
      { text: `${l.to}：`, margin: [0, 12, 0, 6] },
      ...l.content,
      { text: `${l.from}\n${l.day}`, alignment: 'right', margin: [0, 24, 0, 0] },
      { text: `经办人：${l.by}`, style: 'meta', margin: [0, 12, 0, 0] },
    ],
  });
}

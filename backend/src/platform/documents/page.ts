import { PDF_FONT } from './pdf-renderer.js';

export interface OfficialPage {
  /** The document's title (its PDF metadata; the content prints it with the `title` style). */
  title: string;
  content: unknown;
  /** [left, top, right, bottom] in points; the suite's documents use 48/56 or 56/60. */
  margins?: [number, number, number, number];
  fontSize?: number;
  lineHeight?: number;
  titleSize?: number;
  headingSize?: number;
  /** Further styles of the document (e.g. a grid's). */
  styles?: Record<string, object>;
}

/**
 * The page every official document of the suite shares (A4, the CJK font, title/meta/heading
 * styles, 「第 n 页 / 共 m 页」 in the footer), as a pdfmake definition for PdfRenderer.
 */
export function officialDocument(p: OfficialPage): object {
  return {
    pageSize: 'A4',
    pageMargins: p.margins ?? [48, 56, 48, 52],
    info: { title: p.title, creator: '医保基金监管平台' },
    defaultStyle: { font: PDF_FONT, fontSize: p.fontSize ?? 10.5, lineHeight: p.lineHeight ?? 1.35 },
    styles: {
      title: { fontSize: p.titleSize ?? 18, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      meta: { fontSize: 9, color: '#444444', alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: p.headingSize ?? 13, bold: true, margin: [0, 12, 0, 6] },
      ...p.styles,
    },
    footer: (page: number, pages: number) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: p.content,
  };
}

/** A section heading in officialDocument's `heading` style. */
export function heading(text: string): object {
  return { text, style: 'heading' };
}

/**
 * A table with one bold, centred header row and light horizontal lines; `extra` adds the
 * document's own settings (a smaller font size, a margin).
 */
export function headedTable(widths: (number | string)[], header: string[], body: unknown[][], extra: object = {}): object {
  return {
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, bold: true, alignment: 'center' })), ...body] },
    layout: 'lightHorizontalLines',
    ...extra,
  };
}

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import pdfmake from 'pdfmake';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../../kernel/errors.js';

/** The font name documents use in their pdfmake definitions. */
export const PDF_FONT = 'CJK';

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
 * Renders pdfmake definitions with the server's CJK font. Without one the export is refused (503)
 * rather than printing empty boxes.
 */
@Injectable()
export class PdfRenderer {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'pdfFontPath' | 'pdfFontName'>) {}

  /** `build` runs only once the font is known to be there. */
  async render(build: () => object, missingFontCode: string): Promise<Buffer> {
    const path = this.config.pdfFontPath;
    if (!existsSync(path)) {
      throw DomainError.unavailable(missingFontCode, {
        zh: `服务器未安装 PDF 导出所需的中文字体（${path}），暂时无法导出 PDF，请联系管理员（可设置 PDF_FONT_PATH）`,
        en: `the Chinese font the PDF export needs is not installed on the server (${path}); ask the administrator to install it or set PDF_FONT_PATH`,
      });
    }
    const source = (): [string] | [string, string] => (isCollection(path) ? [path, this.config.pdfFontName] : [path]);
    // pdfmake keeps fonts and access policies on one shared instance: set them right before each
    // (synchronous) createPdf, with fresh arrays because pdfmake replaces the path by the file's bytes.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p === path);
    pdfmake.setFonts({ [PDF_FONT]: { normal: source(), bold: source() } });
    return pdfmake.createPdf(build()).getBuffer();
  }
}

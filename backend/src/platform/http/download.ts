import type { Response } from 'express';

/** Sends a generated file (PDF, workbook, record) as a download with its UTF-8 file name. */
export function sendDownload(res: Response, content: Buffer | string, contentType: string, filename: string): void {
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.send(content);
}

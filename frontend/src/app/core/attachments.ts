import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { TranslationKey } from '../i18n/dictionaries';
import type { Attachment } from './models';

/**
 * What the backend's AttachmentStore accepts (it checks the content's first bytes as well): PDF,
 * PNG, JPEG, and the zip containers XLSX, DOCX, OFD and ZIP, up to ATTACHMENT_MAX_BYTES (20 MB by
 * default). The client checks the extension and size before sending, to spare a useless upload.
 */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'xlsx', 'docx', 'ofd', 'zip'] as const;
export const ATTACHMENT_MAX_MB = 20;
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024;
/** For `<input type="file" accept>`: a hint to the picker only, the check is attachmentRefusal. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((ext) => `.${ext}`).join(',');

/** Why a file is not sent, as a message key taking `{filename}` and `{max}`; null when it may go. */
export function attachmentRefusal(file: Pick<File, 'name' | 'size'>): TranslationKey | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return 'attachments.typeNotAllowed';
  if (file.size === 0) return 'attachments.empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'attachments.tooLarge';
  return null;
}

/** 1536 → "1.5 KB"; binary units, as the 20 MB limit is. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

@Injectable({ providedIn: 'root' })
export class AttachmentsApi {
  private readonly http = inject(HttpClient);

  /** Multipart, the file in the form field `file`; the browser sets the boundary. */
  upload(file: File): Observable<Attachment> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<Attachment>('/api/attachments', body);
  }

  /** The file itself (GET /api/attachments/:id): an authenticated download, saved with core/download.ts. */
  download(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/attachments/${encodeURIComponent(id)}`, { observe: 'response', responseType: 'blob' });
  }
}

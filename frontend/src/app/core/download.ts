import type { HttpResponse } from '@angular/common/http';

// Authenticated downloads (exports, reports, draw records): a plain link carries no bearer token, so
// the file is fetched through HttpClient and saved here through an object URL.

/** The file name from `Content-Disposition` (RFC 6266, `filename*` first), if the backend sent one. */
export function fileNameOf(response: HttpResponse<unknown>): string | null {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // Fall through to the plain parameter.
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim() ?? null;
}

/** Saves a fetched file under the server's file name, else the fallback. */
export function saveDownload(document: Document, response: HttpResponse<Blob>, fallbackName: string): void {
  if (!response.body) return;
  const url = URL.createObjectURL(response.body);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response) ?? fallbackName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handed to the browser's download manager.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

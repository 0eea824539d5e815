// Reads a PDF's document title and outline (bookmarks) back from the bytes pdfmake/pdfkit write: both
// are plain (uncompressed) dictionary strings — escaped literals, UTF-16BE with a byte-order mark when
// not ASCII — unlike the page text, which is compressed and glyph-encoded.

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\\': '\\', '(': '(', ')': ')' };

function decodeLiteral(raw: string): string {
  const bytes = raw.replace(/\\([nrtbf\\()])/g, (_, c: string) => ESCAPES[c]!);
  if (bytes.charCodeAt(0) === 0xfe && bytes.charCodeAt(1) === 0xff) {
    const b = Buffer.from(bytes.slice(2), 'latin1');
    let out = '';
    for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return out;
  }
  return bytes;
}

/** Every `/Title (…)` string of the file, in file order: the document's title and its outline entries. */
export function pdfTitles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Title \(((?:\\[\s\S]|[^\\)])*)\)/g)].map((m) => decodeLiteral(m[1]!));
}

/** The number of pages (the page tree's /Count). */
export function pdfPageCount(pdf: Buffer): number {
  const m = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return m ? Number(m[1]) : 0;
}

import ExcelJS from 'exceljs';
import { checkZip } from '../../src/platform/documents/zip-guard.js';
import { buildZip } from '../support/zip-build.js';

// The zip guard in front of uploaded workbooks (platform/documents/zip-guard.ts): a real workbook
// passes, an entry that inflates past the bound is refused without inflating it whole, and a local
// entry the central directory does not list (what a streaming reader would still read) is refused.

const MB = 1024 * 1024;

describe('zip guard', () => {
  it('passes a workbook exceljs wrote, counting what it inflates to', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('预警').addRow(['规则编码', '预警编号']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const result = checkZip(bytes, MB);
    expect(result).toEqual({ ok: true, inflatedBytes: expect.any(Number) });
    expect((result as { inflatedBytes: number }).inflatedBytes).toBeGreaterThan(bytes.length / 2);
  });

  it('refuses an entry that inflates past the bound (a zip bomb), also across entries', () => {
    const bomb = buildZip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(5 * MB, 0x41) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(checkZip(bomb, MB)).toEqual({ ok: false, reason: 'too_large' });
    expect(checkZip(bomb, 6 * MB)).toEqual({ ok: true, inflatedBytes: 5 * MB });
    const spread = buildZip([0, 1, 2].map((i) => ({ name: `x${i}.xml`, data: Buffer.alloc(2 * MB, 0x41) })));
    expect(checkZip(spread, 5 * MB)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses a local entry the central directory does not list, and a damaged file', () => {
    const hidden = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    const unlisted = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }], { unlistedBeforeCentral: hidden.subarray(0, 34) });
    expect(checkZip(unlisted, MB)).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkZip(hidden.subarray(0, hidden.length - 5), MB)).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkZip(Buffer.from('PK\x03\x04 not a zip'), MB)).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkZip(hidden, MB)).toEqual({ ok: true, inflatedBytes: 4 });
  });
});

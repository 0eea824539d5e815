import { inflateRawSync } from 'node:zlib';

// A guard for uploaded zip containers (.xlsx) before a parser reads them. A workbook within the upload
// limit can expand a thousandfold (a "zip bomb": one shared-strings entry of gigabytes of repeated text)
// and exceljs keeps the shared strings in memory, so reading it could take the API down. The guard
// inflates every entry itself with a bound on the output and refuses the file when the total passes
// `maxInflatedBytes`. Streaming parsers read the local headers in order while the central directory is
// what lists the entries, so a file whose local entries are not exactly the listed ones, back to back,
// is refused too (nothing can hide from the count).

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

export type ZipCheck = { ok: true; inflatedBytes: number } | { ok: false; reason: 'unreadable' | 'too_large' };

/** Checks a whole zip file in memory (uploads are limited to a few tens of MB). */
export function checkZip(bytes: Buffer, maxInflatedBytes: number): ZipCheck {
  try {
    return walk(bytes, maxInflatedBytes);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

function walk(bytes: Buffer, maxInflatedBytes: number): ZipCheck {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return { ok: false, reason: 'unreadable' };
  const entries = bytes.readUInt16LE(eocd + 10);
  const centralSize = bytes.readUInt32LE(eocd + 12);
  const centralStart = bytes.readUInt32LE(eocd + 16);
  if (centralStart + centralSize !== eocd) return { ok: false, reason: 'unreadable' };
  let central = centralStart;
  let expectedLocal = 0;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (bytes.readUInt32LE(central) !== CENTRAL) return { ok: false, reason: 'unreadable' };
    const flags = bytes.readUInt16LE(central + 8);
    const method = bytes.readUInt16LE(central + 10);
    const compressed = bytes.readUInt32LE(central + 20);
    const nameLength = bytes.readUInt16LE(central + 28);
    const extraLength = bytes.readUInt16LE(central + 30);
    const commentLength = bytes.readUInt16LE(central + 32);
    const localOffset = bytes.readUInt32LE(central + 42);
    if (flags & 0x1) return { ok: false, reason: 'unreadable' }; // encrypted
    if (localOffset !== expectedLocal || bytes.readUInt32LE(localOffset) !== LOCAL) return { ok: false, reason: 'unreadable' };
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    if (data.length !== compressed) return { ok: false, reason: 'unreadable' };
    const budget = maxInflatedBytes - total;
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget + 1) }).length;
      } catch (err) {
        // by its code: the error's class may come from another realm (a test runner's vm context)
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'too_large' };
        throw err;
      }
    } else {
      return { ok: false, reason: 'unreadable' };
    }
    if (total > maxInflatedBytes) return { ok: false, reason: 'too_large' };
    let next = dataStart + compressed;
    if (flags & 0x8) next += bytes.readUInt32LE(next) === DESCRIPTOR ? 16 : 12;
    expectedLocal = next;
    central += 46 + nameLength + extraLength + commentLength;
  }
  // The listed entries fill the file up to the central directory: no unlisted local entry in between.
  if (expectedLocal !== centralStart) return { ok: false, reason: 'unreadable' };
  return { ok: true, inflatedBytes: total };
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const last = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= last; i--) {
    if (bytes.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

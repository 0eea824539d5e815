import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import type { StoredFile } from '../../../platform/attachments/attachment-store.js';
import { TipCrypto } from './tip-crypto.js';

// Evidence uploaded from the public page before the tip exists: the file is stored (content-
// addressed, type and size checked by the attachment store) and the uploader gets a signed token
// naming it; the tip's submission hands the tokens back and the attachment rows are written then,
// owned like the tip. Nobody can attach a stored file they did not upload: the token is signed
// with a key derived from the KEK, and it expires.

const LIFETIME_MS = 6 * 3600_000;
export const MAX_TIP_EVIDENCE = 10;

export interface EvidenceFile { id: string; filename: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string }

const INVALID = DomainError.validation('tip_evidence_invalid', {
  zh: '证据材料已失效，请重新上传', en: 'an evidence upload is no longer valid: upload it again',
}, { field: 'evidence' });

@Injectable()
export class PublicEvidence {
  constructor(private readonly crypto: TipCrypto) {}

  token(filename: string, stored: StoredFile): string {
    const file: EvidenceFile = { id: randomUUID(), filename, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, storageKey: stored.storageKey };
    return this.crypto.sign('evidence', Buffer.from(JSON.stringify({ ...file, exp: Date.now() + LIFETIME_MS })).toString('base64url'));
  }

  /** The files of the tokens (each once); a token not made here or expired is a 400. */
  files(tokens: unknown): EvidenceFile[] {
    if (tokens === undefined || tokens === null) return [];
    if (!Array.isArray(tokens) || tokens.length > MAX_TIP_EVIDENCE) {
      throw DomainError.validation('tip_evidence_invalid', { zh: `证据材料最多 ${MAX_TIP_EVIDENCE} 个`, en: `at most ${MAX_TIP_EVIDENCE} evidence files` }, { field: 'evidence' });
    }
    const byId = new Map<string, EvidenceFile>();
    for (const t of tokens) {
      const payload = this.crypto.verify('evidence', t);
      if (!payload) throw INVALID;
      const f = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as EvidenceFile & { exp: number };
      if (!(f.exp > Date.now())) throw INVALID;
      byId.set(f.id, { id: f.id, filename: f.filename, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, storageKey: f.storageKey });
    }
    return [...byId.values()];
  }
}

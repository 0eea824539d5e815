import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../../kernel/errors.js';
import { S3Client } from './s3-client.js';

/** Accepted evidence types, recognised by their first bytes, not by the name the client sent. */
const TYPES: { type: string; ext: string[]; magic: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: ['pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: ['png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    // xlsx, docx and OFD (China's fixed-layout document format) are all zip containers.
    type: 'application/zip',
    ext: ['xlsx', 'docx', 'ofd', 'zip'],
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
];

/** An uploaded file as the streaming storage leaves it: on disk, hashed and measured while it arrived. */
export interface SpooledUpload {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for recognising the type without reading the file again. */
  head: Buffer;
}

export function tooLarge(maxBytes: number): DomainError {
  const mb = (maxBytes / 1024 / 1024).toFixed(0);
  return new DomainError('too_large', 'attachment_too_large', {
    zh: `文件超过 ${mb} MB 的大小限制`,
    en: `the file exceeds the ${mb} MB size limit`,
  }, { maxBytes });
}

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  contentType: string;
  storageKey: string;
}

/** Where the bytes live: a local folder by default, an S3-compatible bucket when configured. */
interface BlobBackend {
  readonly name: string;
  put(key: string, content: Buffer): Promise<void>;
  /** Stores a file from disk without reading it into memory. */
  putFile(key: string, path: string, sha256: string, size: number): Promise<void>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<string[]>;
}

class FolderBackend implements BlobBackend {
  readonly name = 'folder';
  constructor(private readonly root: string) {}

  async put(key: string, content: Buffer): Promise<void> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename: a crash never leaves a half-written file under the final name.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, content);
    await rename(tmp, path);
  }

  async putFile(key: string, source: string): Promise<void> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await copyFile(source, tmp);
    await rename(tmp, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(join(this.root, key));
  }

  async exists(key: string): Promise<boolean> {
    return stat(join(this.root, key)).then(() => true, () => false);
  }

  /** Keys under a folder-like prefix (`dir/`), not recursive. */
  async list(prefix: string): Promise<string[]> {
    const names = await readdir(join(this.root, prefix)).catch(() => [] as string[]);
    return names.filter((n) => !n.endsWith('.tmp')).map((n) => `${prefix}${n}`);
  }
}

/**
 * The attachment store: checks type and size, stores content-addressed by SHA-256 (the same
 * evidence uploaded twice is stored once), and verifies the hash again when reading.
 */
@Injectable()
export class AttachmentStore {
  private readonly backend: BlobBackend;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.backend = config.s3 ? new S3Client(config.s3) : new FolderBackend(resolve(config.attachmentsDir));
  }

  get backendName(): string {
    return this.backend.name;
  }

  check(filename: string, content: Buffer): string {
    return this.checkFile(filename, content.length, content);
  }

  /** Type and size from the size and the first bytes (at least 8) of the content. */
  checkFile(filename: string, size: number, head: Buffer): string {
    if (size === 0) {
      throw DomainError.validation('attachment_empty', { zh: '上传的文件为空', en: 'the uploaded file is empty' });
    }
    if (size > this.config.attachmentMaxBytes) throw tooLarge(this.config.attachmentMaxBytes);
    const ext = filename.toLowerCase().split('.').pop() ?? '';
    const kind = TYPES.find((t) => t.ext.includes(ext));
    if (!kind || !kind.magic(head)) {
      throw DomainError.validation('attachment_type_not_allowed', {
        zh: '只接受 PDF、PNG、JPEG、XLSX、DOCX、OFD 或 ZIP 文件，且文件内容须与扩展名一致',
        en: 'only PDF, PNG, JPEG, XLSX, DOCX, OFD or ZIP files are accepted, and the content must match the extension',
      });
    }
    return kind.type;
  }

  async put(filename: string, content: Buffer): Promise<StoredFile> {
    const contentType = this.check(filename, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    if (!(await this.backend.exists(storageKey))) await this.backend.put(storageKey, content);
    return { sha256, sizeBytes: content.length, contentType, storageKey };
  }

  /** Stores an upload spooled to disk (EvidenceUploadInterceptor), hashed while it arrived. */
  async putSpooled(filename: string, upload: SpooledUpload): Promise<StoredFile> {
    const contentType = this.checkFile(filename, upload.size, upload.head);
    const storageKey = `${upload.sha256.slice(0, 2)}/${upload.sha256}`;
    if (!(await this.backend.exists(storageKey))) await this.backend.putFile(storageKey, upload.path, upload.sha256, upload.size);
    return { sha256: upload.sha256, sizeBytes: upload.size, contentType, storageKey };
  }

  /**
   * Small named objects beside the evidence, under their own prefix (the audit trail's signed
   * checkpoints): written once, never overwritten.
   */
  async putObject(key: string, content: Buffer): Promise<void> {
    if (await this.backend.exists(key)) throw new Error(`${key} exists already: objects under it are written once`);
    await this.backend.put(key, content);
  }

  objectExists(key: string): Promise<boolean> {
    return this.backend.exists(key);
  }

  getObject(key: string): Promise<Buffer> {
    return this.backend.get(key);
  }

  listObjects(prefix: string): Promise<string[]> {
    return this.backend.list(prefix);
  }

  async get(storageKey: string, sha256: string): Promise<Buffer> {
    const content = await this.backend.get(storageKey);
    if (createHash('sha256').update(content).digest('hex') !== sha256) {
      throw new Error(`attachment ${storageKey} does not match its recorded hash`);
    }
    return content;
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpException, HttpStatus, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { finalize, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { closeAfterAnswer } from '../http/request-gate.js';
import { tooLarge, type SpooledUpload } from './attachment-store.js';

/** Room for the multipart framing around the file (boundaries, part headers, a file name). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const HEAD_BYTES = 16;

type StorageCallback = (err: Error | null, info?: Partial<SpooledUpload>) => void;

/**
 * A multer storage engine that writes the file to a temporary folder as it arrives, hashing and
 * counting on the way: the body is never held in memory, and multer's fileSize limit cuts it off at
 * the first byte over the limit.
 */
export class SpoolingStorage {
  /**
   * This process's own spool folder, made by mkdtemp (a new name, mode 0700, owned by the API's
   * user): a fixed name under /tmp could have been created first by another local user, who would
   * then own the spooled files between hashing and storing.
   */
  private static processDir: string | null = null;

  constructor(private readonly dir: string | null = null) {}

  /** Where files are spooled: the folder given, or this process's own. */
  spoolDir(): string {
    if (this.dir) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      return this.dir;
    }
    return (SpoolingStorage.processDir ??= mkdtempSync(join(tmpdir(), 'fundsup-uploads-')));
  }

  _handleFile(_req: Request, file: { stream: NodeJS.ReadableStream }, cb: StorageCallback): void {
    const path = join(this.spoolDir(), randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headLength = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    pipeline(file.stream, measure, createWriteStream(path, { mode: 0o600 })).then(
      () => cb(null, { path, size, sha256: hash.digest('hex'), head: Buffer.concat(heads) }),
      (err: Error) => rm(path, { force: true }).finally(() => cb(err)),
    );
  }

  _removeFile(_req: Request, file: { path?: string }, cb: (err: Error | null) => void): void {
    if (!file.path) return cb(null);
    rm(file.path, { force: true }).then(() => cb(null), (err: Error) => cb(err));
  }
}

/**
 * The evidence upload (multipart field `file`): refuses a body declared larger than the limit before
 * reading it, streams the file to a temporary file with the limit enforced while it arrives (413 at
 * the first byte over), and removes the temporary file once the request is handled.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', {
      storage: new SpoolingStorage(),
      limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10, parts: 11 },
    });
    this.inner = new Multer({});
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request & { file?: Partial<SpooledUpload> }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.config.attachmentMaxBytes + MULTIPART_OVERHEAD_BYTES) {
      // Answer at once and close the connection rather than receive a body that cannot be accepted.
      closeAfterAnswer(req, res);
      throw tooLarge(this.config.attachmentMaxBytes);
    }
    let handled: Observable<unknown>;
    try {
      handled = await this.inner.intercept(ctx, next) as Observable<unknown>;
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) throw tooLarge(this.config.attachmentMaxBytes);
      throw err;
    }
    return handled.pipe(finalize(() => {
      if (req.file?.path) void rm(req.file.path, { force: true });
    }));
  }
}

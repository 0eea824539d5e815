import { randomUUID } from 'node:crypto';
import { Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ActorCommand, ByIdQuery } from '../cqrs/actor-command.js';
import { Commands, Queries } from '../cqrs/commands.js';
import { CurrentActor } from '../auth/decorators.js';
import type { Actor } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { Attachments, type Attachment } from './attachments.js';
import { AttachmentStore, type SpooledUpload, type StoredFile } from './attachment-store.js';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor.js';

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export class RecordAttachmentCommand extends ActorCommand<AttachmentView> {
  constructor(actor: Actor, readonly filename: string, readonly stored: StoredFile) {
    super(actor);
  }
  auditTarget() {
    return this.stored.sha256;
  }
  auditPayload() {
    return { filename: this.filename, sizeBytes: this.stored.sizeBytes, contentType: this.stored.contentType };
  }
}

export class GetAttachmentQuery extends ByIdQuery<Attachment> {}

@CommandHandler(RecordAttachmentCommand)
export class RecordAttachmentHandler implements ICommandHandler<RecordAttachmentCommand> {
  constructor(private readonly attachments: Attachments) {}
  async execute({ actor, filename, stored }: RecordAttachmentCommand): Promise<AttachmentView> {
    const a: Attachment = {
      id: randomUUID(),
      // The uploader's scope: row-level security refuses a row outside it.
      regionPath: actor.regionPath,
      ownerOrgId: actor.organizationId,
      filename,
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      uploadedBy: actor.username,
      createdAt: new Date(),
    };
    await this.attachments.insert(a);
    return { id: a.id, filename, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() };
  }
}

@QueryHandler(GetAttachmentQuery)
export class GetAttachmentHandler implements IQueryHandler<GetAttachmentQuery> {
  constructor(private readonly attachments: Attachments) {}
  async execute({ id }: GetAttachmentQuery): Promise<Attachment> {
    const a = await this.attachments.find(id);
    if (!a) throw DomainError.notFound({ zh: '附件', en: 'attachment' }, id);
    return a;
  }
}

/** Evidence upload and download; limits and accepted types are enforced by AttachmentStore. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsHttpController {
  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly store: AttachmentStore,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  // Streamed to a temporary file with the size limit enforced while it arrives (never in memory).
  @UseInterceptors(EvidenceUploadInterceptor)
  async upload(@CurrentActor() actor: Actor, @UploadedFile() file?: Express.Multer.File & SpooledUpload) {
    if (!file) {
      throw DomainError.validation('attachment_missing', {
        zh: '请在表单字段 file 中上传一个文件',
        en: 'upload one file in the form field "file"',
      });
    }
    // multer decodes the name as latin1; browsers send UTF-8 (Chinese file names).
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    const stored = await this.store.putSpooled(filename, file);
    return this.commands.execute(new RecordAttachmentCommand(actor, filename, stored));
  }

  @Get(':id')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    const a = await this.queries.execute(new GetAttachmentQuery(actor, id));
    const content = await this.store.get(a.storageKey, a.sha256);
    res.setHeader('content-type', a.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
    res.send(content);
  }
}

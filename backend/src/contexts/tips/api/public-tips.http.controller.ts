import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { AttachmentStore, type SpooledUpload } from '../../../platform/attachments/attachment-store.js';
import { EvidenceUploadInterceptor } from '../../../platform/attachments/evidence-upload.interceptor.js';
import { Public } from '../../../platform/auth/decorators.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { Commands, Queries } from '../../../platform/cqrs/commands.js';
import { addressKey, TokenBuckets, tooMany } from '../../../platform/http/request-gate.js';
import { AnswerTipQuestionCommand, ClaimTipRewardCommand, SubmitTipCommand } from '../application/commands.js';
import { PublicInstitutionsQuery, TipReceiptQuery, type PublicInstitution, type TipReceiptView } from '../application/queries.js';
import { ProofOfWork, type PowChallenge } from '../infrastructure/proof-of-work.js';
import { PublicEvidence } from '../infrastructure/public-evidence.js';
import { TIPS_UNAVAILABLE, TipCrypto } from '../infrastructure/tip-crypto.js';
import { InstitutionLookupQuery, ReceiptAnswerBody, ReceiptBody, RewardClaimBody, SubmitTipBody } from './tip-bodies.js';

/**
 * The actor of the public tip routes: nobody signed in. Its scope is the whole tree because a tip
 * is routed by the institution it names; every statement it runs is the tips context's own, a
 * receipt's reading is by the receipt's hash alone.
 */
export const PUBLIC_TIP_ACTOR: Actor = {
  userId: 'public:tips', username: 'public', displayName: '公众举报', roles: [], regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau',
};

/**
 * docs/api/tips.md, "Public". No token (the request gate's anonymous limit applies), plus this
 * context's own per-address limits: submissions and uploads per hour, receipt lookups per minute
 * (guessing a 16-digit code is the attack), and a proof of work on every submission and upload.
 */
@ApiTags('tips')
@Public()
@Controller('public/tips')
export class PublicTipsHttpController {
  private readonly submissions: TokenBuckets;
  private readonly receipts: TokenBuckets;

  constructor(
    private readonly commands: Commands,
    private readonly queries: Queries,
    private readonly pow: ProofOfWork,
    private readonly evidence: PublicEvidence,
    private readonly crypto: TipCrypto,
    private readonly store: AttachmentStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const perHour = config.tips?.submissionsPerHour ?? 20;
    const perMinute = config.tips?.receiptPerMinute ?? 6;
    this.submissions = new TokenBuckets(perHour / 60, Math.max(1, perHour));
    this.receipts = new TokenBuckets(perMinute, Math.max(1, perMinute));
  }

  private limit(buckets: TokenBuckets, req: Request): void {
    const wait = buckets.take(addressKey(req.ip ?? req.socket.remoteAddress ?? '?'));
    if (wait > 0) throw tooMany(wait);
  }

  private ready(): void {
    if (!this.crypto.available) throw TIPS_UNAVAILABLE;
  }

  /** A proof-of-work challenge for the next submission or upload. */
  @Get('challenge')
  challenge(): PowChallenge {
    this.ready();
    return this.pow.issue();
  }

  /** Designated institutions by name or code: name, code and region only. */
  @Get('institutions')
  institutions(@Query() query: InstitutionLookupQuery): Promise<PublicInstitution[]> {
    return this.queries.execute(new PublicInstitutionsQuery(PUBLIC_TIP_ACTOR, query.q));
  }

  /** One evidence file (attachments' types and size limit), with a solved challenge in the headers; answers a token for the submission. */
  @Post('evidence')
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'x-pow-challenge' }) @ApiHeader({ name: 'x-pow-nonce' })
  @UseInterceptors(EvidenceUploadInterceptor)
  async upload(@Req() req: Request, @UploadedFile() file?: Express.Multer.File & SpooledUpload) {
    this.ready();
    this.limit(this.submissions, req);
    this.pow.check(req.headers['x-pow-challenge'], req.headers['x-pow-nonce']);
    if (!file) {
      throw DomainError.validation('attachment_missing', { zh: '请在表单字段 file 中上传一个文件', en: 'upload one file in the form field "file"' });
    }
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    const stored = await this.store.putSpooled(filename, file);
    return { token: this.evidence.token(filename, stored), filename, contentType: stored.contentType, sizeBytes: stored.sizeBytes };
  }

  /** Files a tip; the answer holds the receipt code — shown once, never stored. */
  @Post()
  async submit(@Req() req: Request, @Body() body: SubmitTipBody): Promise<{ receipt: string }> {
    this.ready();
    this.limit(this.submissions, req);
    this.pow.check(body.challenge, body.nonce);
    const { receipt } = await this.commands.execute(new SubmitTipCommand(PUBLIC_TIP_ACTOR, body));
    return { receipt };
  }

  /** The receipt holder's view of their tip (POST: the code stays out of URLs and access logs). */
  @Post('receipt')
  @HttpCode(200)
  receipt(@Req() req: Request, @Body() body: ReceiptBody): Promise<TipReceiptView> {
    this.ready();
    this.limit(this.receipts, req);
    return this.queries.execute(new TipReceiptQuery(PUBLIC_TIP_ACTOR, body.receipt));
  }

  @Post('receipt/answers')
  @HttpCode(200)
  async answer(@Req() req: Request, @Body() body: ReceiptAnswerBody): Promise<TipReceiptView> {
    this.ready();
    this.limit(this.receipts, req);
    await this.commands.execute(new AnswerTipQuestionCommand(PUBLIC_TIP_ACTOR, body.receipt, body.questionId, body.answer));
    return this.queries.execute(new TipReceiptQuery(PUBLIC_TIP_ACTOR, body.receipt));
  }

  @Post('receipt/reward-claim')
  @HttpCode(200)
  async claim(@Req() req: Request, @Body() body: RewardClaimBody): Promise<TipReceiptView> {
    this.ready();
    this.limit(this.receipts, req);
    await this.commands.execute(new ClaimTipRewardCommand(PUBLIC_TIP_ACTOR, body.receipt, body.payee));
    return this.queries.execute(new TipReceiptQuery(PUBLIC_TIP_ACTOR, body.receipt));
  }
}

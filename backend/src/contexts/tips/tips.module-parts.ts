import type { Provider, Type } from '@nestjs/common';
import { PublicTipsHttpController } from './api/public-tips.http.controller.js';
import { TipsHttpController } from './api/tips.http.controller.js';
import { TIP_COMMAND_HANDLERS } from './application/handlers.js';
import { TIP_QUERY_HANDLERS } from './application/queries.js';
import { TipLeads } from './application/tip-leads.js';
import { ProofOfWork } from './infrastructure/proof-of-work.js';
import { PublicEvidence } from './infrastructure/public-evidence.js';
import { TipCrypto } from './infrastructure/tip-crypto.js';
import { LeadsForTips } from './infrastructure/tip-leads.adapter.js';
import { Tips } from './infrastructure/tips.repository.js';

/** Tips from the public, their intake and rewards: what the app module registers. */
export const TIP_PROVIDERS: Provider[] = [
  Tips, TipCrypto, ProofOfWork, PublicEvidence, { provide: TipLeads, useClass: LeadsForTips }, ...TIP_COMMAND_HANDLERS, ...TIP_QUERY_HANDLERS,
];
export const TIP_CONTROLLERS: Type<unknown>[] = [PublicTipsHttpController, TipsHttpController];

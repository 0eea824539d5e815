import type { Provider, Type } from '@nestjs/common';
import { AGREEMENT_QUERY_HANDLERS } from './application/queries.js';
import { ServiceAgreements } from './infrastructure/agreements.repository.js';
import { AgreementsHttpController } from './api/agreements.http.controller.js';

/** Service agreements (定点服务协议): what the app module registers. */
export const AGREEMENT_PROVIDERS: Provider[] = [ServiceAgreements, ...AGREEMENT_QUERY_HANDLERS];
export const AGREEMENT_CONTROLLERS: Type<unknown>[] = [AgreementsHttpController];

import type { Provider, Type } from '@nestjs/common';
import { WorklistHttpController } from './api/worklist.http.controller.js';
import { WORKLIST_QUERY_HANDLERS } from './application/queries.js';

/** The to-do centre (issue 16 §1): reads the other contexts' count queries only. */
export const WORKLIST_PROVIDERS: Provider[] = [...WORKLIST_QUERY_HANDLERS];
export const WORKLIST_CONTROLLERS: Type<unknown>[] = [WorklistHttpController];

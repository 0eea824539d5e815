import type { Provider, Type } from '@nestjs/common';
import { TransferDesk, TRANSFER_COMMAND_HANDLERS } from './application/handlers.js';
import { TRANSFER_QUERY_HANDLERS } from './application/queries.js';
import { OutwardDesk, OUTWARD_COMMAND_HANDLERS } from './application/outward-handlers.js';
import { OUTWARD_QUERY_HANDLERS } from './application/outward-queries.js';
import { TransfersTodoHandler } from './application/todo-queries.js';
import { TransfersOnCaseResult } from './application/case-closed.reaction.js';
import { CaseClosedReaction } from '../enforcement/index.js';
import { OutwardRecords } from './infrastructure/outward.repository.js';
import { MajorCaseReportsHttpController, OutwardTransfersHttpController } from './api/outward.http.controller.js';
import { Transfers } from './infrastructure/transfers.repository.js';
import { TransferLetterPdf } from './infrastructure/transfer-letter-pdf.js';
import { OutwardNoticePdf } from './infrastructure/outward-notice-pdf.js';
import { TransfersHttpController } from './api/transfers.http.controller.js';

/** Transfers (移交/移送) and major-case reports: what the app module registers. */
export const TRANSFER_PROVIDERS: Provider[] = [Transfers, TransferDesk, TransferLetterPdf, OutwardNoticePdf, ...TRANSFER_COMMAND_HANDLERS, ...TRANSFER_QUERY_HANDLERS, OutwardRecords, OutwardDesk, ...OUTWARD_COMMAND_HANDLERS, ...OUTWARD_QUERY_HANDLERS, TransfersTodoHandler,
  { provide: CaseClosedReaction, useClass: TransfersOnCaseResult }];
export const TRANSFER_CONTROLLERS: Type<unknown>[] = [TransfersHttpController, OutwardTransfersHttpController, MajorCaseReportsHttpController];

export { transferWorkflowRoutes } from './infrastructure/transfers-workflow.routes.js';
export { createTransferActivities } from './infrastructure/transfers.activities.js';

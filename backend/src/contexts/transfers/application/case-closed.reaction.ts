import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../kernel/actor.js';
import { CaseClosedReaction, type CaseClosure, type CaseDecided } from '../../enforcement/index.js';
import { isMajorAmount } from '../domain/outward.js';
import { OutwardDesk } from './outward-handlers.js';
import { TransferDesk } from './handlers.js';

/**
 * EnforcementCaseDecided and EnforcementCaseClosed, in the deciding or closing command's transaction:
 * - a case opened from a transfer: its result flows back to the sending agency and is copied to the bureau
 *   one level above the receiving bureau (issue 18, 「按规定向上级部门报告」; TransferDesk.tellResult);
 * - a major-case report (seed 003 九(二)): a case closed with an amount involved (涉案金额) of ¥500,000 or more
 *   — not its penalty or recovery — opens the report of trigger `amount`, due 7 calendar days after the day
 *   of closure. One per case and trigger (the desk finds an existing one; `unique (case_id, trigger)` holds
 *   it): a case already reported for its amount (an outward transfer of ¥500,000 or more) or closed again
 *   opens nothing new.
 */
@Injectable()
export class TransfersOnCaseResult extends CaseClosedReaction {
  constructor(private readonly desk: OutwardDesk, private readonly transfers: TransferDesk) { super(); }

  async caseDecided(actor: Actor, d: CaseDecided): Promise<void> {
    await this.transfers.tellResult(actor, d.caseId, 'decided');
  }

  async caseClosed(actor: Actor, c: CaseClosure): Promise<void> {
    await this.transfers.tellResult(actor, c.caseId, 'closed');
    if (!isMajorAmount(c.amountInvolved)) return;
    await this.desk.openReport({ actor, regionPath: c.regionPath, ownerOrgId: c.ownerOrgId, caseId: c.caseId, outwardTransferId: null, trigger: 'amount', on: c.closedOn });
  }
}

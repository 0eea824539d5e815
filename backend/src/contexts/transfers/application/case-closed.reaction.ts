import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../kernel/actor.js';
import { CaseClosedReaction, type CaseClosure } from '../../enforcement/index.js';
import { isMajorAmount } from '../domain/outward.js';
import { OutwardDesk } from './outward-handlers.js';

/**
 * EnforcementCaseClosed → a major-case report (seed 003 九(二)): a case closed with an amount involved
 * (涉案金额) of ¥500,000 or more — not its penalty or recovery — opens the report of trigger `amount`, due 7 calendar
 * days after the day of closure, in the closing command's transaction. One per case and trigger (the
 * desk finds an existing one; `unique (case_id, trigger)` holds it): a case already reported for its
 * amount (an outward transfer of ¥500,000 or more) or closed again opens nothing new.
 */
@Injectable()
export class MajorCaseReportOnClosure extends CaseClosedReaction {
  constructor(private readonly desk: OutwardDesk) { super(); }

  async caseClosed(actor: Actor, c: CaseClosure): Promise<void> {
    if (!isMajorAmount(c.amountInvolved)) return;
    await this.desk.openReport({ actor, regionPath: c.regionPath, ownerOrgId: c.ownerOrgId, caseId: c.caseId, outwardTransferId: null, trigger: 'amount', on: c.closedOn });
  }
}

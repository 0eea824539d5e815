import type { Actor } from '../../../kernel/actor.js';
import type { CaseClosure, CaseDecided } from '../domain/enforcement-case.js';

/**
 * Another context's reaction to a case's result: EnforcementCaseDecided and EnforcementCaseClosed (the
 * transfers context tells the sending agency and the level above the result of a case opened from a
 * transfer, 「按规定向上级部门报告」, and opens the major-case report of a case closed with ¥500,000 or
 * more, seed 003 九(二)). Implemented by that context over this public entry and provided under this
 * class; the deciding and the closing command run it after the case is saved, in the same unit of work:
 * the reaction commits with the decision or closure or neither does (no closure without its report), and
 * it must be idempotent (a step may be recorded again, e.g. a case reopened and closed).
 * Without a provider (a deployment without transfers) nothing reacts.
 */
export abstract class CaseClosedReaction {
  abstract caseDecided(actor: Actor, decided: CaseDecided): Promise<void>;
  abstract caseClosed(actor: Actor, closure: CaseClosure): Promise<void>;
}

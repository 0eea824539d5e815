import type { Actor } from '../../../kernel/actor.js';
import type { CaseClosure } from '../domain/enforcement-case.js';

/**
 * Another context's reaction to EnforcementCaseClosed (the transfers context opens the major-case report
 * of a case closed with ¥500,000 or more, seed 003 九(二)). Implemented by that context over this public
 * entry and provided under this class; the closing command runs it after the case is saved, in the same
 * unit of work: the reaction commits with the closure or neither does (no closure without its report),
 * and it must be idempotent (a closure may be recorded again, e.g. a case reopened and closed).
 * Without a provider (a deployment without transfers) nothing reacts.
 */
export abstract class CaseClosedReaction {
  abstract caseClosed(actor: Actor, closure: CaseClosure): Promise<void>;
}

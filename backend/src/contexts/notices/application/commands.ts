import { ActorCommand, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../kernel/actor.js';

export class SendNoticeCommand extends ActorCommand<{ id: string; dueDate: string }> {
  constructor(
    actor: Actor,
    readonly input: { recipientOrgId: string; title: string; body: string; workingDays: number },
  ) {
    super(actor);
  }
  auditTarget() {
    return this.input.recipientOrgId;
  }
  auditPayload() {
    return { recipientOrgId: this.input.recipientOrgId, title: this.input.title, workingDays: this.input.workingDays };
  }
}

/** A command on one existing notice: the notice is its audit target. */
abstract class NoticeCommand<TResult> extends TargetedCommand<TResult> {
  constructor(actor: Actor, readonly noticeId: string) {
    super(actor, noticeId);
  }
}

export class AcknowledgeNoticeCommand extends NoticeCommand<void> {}

/** Run by the notice workflow when the reminder time comes. */
export class RemindNoticeRecipientCommand extends NoticeCommand<boolean> {}

/** Run by the notice workflow at the deadline: flags the notice and tells the sender. */
export class MarkNoticeOverdueCommand extends NoticeCommand<boolean> {}

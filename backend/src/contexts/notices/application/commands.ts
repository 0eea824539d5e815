import { ActorCommand } from '../../../platform/cqrs/actor-command.js';
import type { Actor } from '../../../shared/actor.js';

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

export class AcknowledgeNoticeCommand extends ActorCommand<void> {
  constructor(actor: Actor, readonly noticeId: string) {
    super(actor);
  }
  auditTarget() {
    return this.noticeId;
  }
  auditPayload() {
    return {};
  }
}

/** Run by the notice workflow when the reminder time comes. */
export class RemindNoticeRecipientCommand extends ActorCommand<boolean> {
  constructor(actor: Actor, readonly noticeId: string) {
    super(actor);
  }
  auditTarget() {
    return this.noticeId;
  }
  auditPayload() {
    return {};
  }
}

/** Run by the notice workflow at the deadline: flags the notice and tells the sender. */
export class MarkNoticeOverdueCommand extends ActorCommand<boolean> {
  constructor(actor: Actor, readonly noticeId: string) {
    super(actor);
  }
  auditTarget() {
    return this.noticeId;
  }
  auditPayload() {
    return {};
  }
}

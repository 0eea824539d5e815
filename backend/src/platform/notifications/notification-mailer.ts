import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { systemActor } from '../../kernel/actor.js';
import { UnitOfWork } from '../tenancy/unit-of-work.js';
import { Notifications } from './notifications.js';

const INTERVAL_MS = 10_000;

/**
 * When SMTP is configured, e-mails new inbox items to the users of the recipient organization.
 * It reads committed rows only, so nobody is mailed about a change that rolled back; it runs on
 * its own timer so a Temporal outage never holds e-mail back.
 */
@Injectable()
export class NotificationMailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NotificationMailer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly notifications: Notifications,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.timer = setInterval(() => void this.flush().catch((err) => this.log.warn(`e-mail pass failed: ${String(err)}`)), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over unsent items; returns how many e-mails went out. */
  flush(): Promise<number> {
    this.running ??= this.uow
      .run(systemActor('mailer'), (em) => this.notifications.emailPending(em))
      .then((r) => r.result)
      .finally(() => (this.running = null));
    return this.running;
  }
}

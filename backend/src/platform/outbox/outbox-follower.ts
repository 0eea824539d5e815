import type { Outbox } from './outbox.js';

/**
 * A background pass that follows the outbox (the relay, the dashboards' projector): run when a
 * command commits here (the outbox's kick) and on a timer, one pass at a time — a kick during a pass
 * asks for exactly one more after it — and awaited on shutdown.
 */
export class OutboxFollower {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Whether shutdown has begun (a pass that loops checks it between batches). */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Follows the outbox from now on; `first` runs before the first pass (e.g. a start-up refresh). */
  start(outbox: Outbox, intervalMs: number, first?: () => Promise<unknown>): void {
    outbox.committed.on('kick', () => this.trigger());
    this.timer = setInterval(() => this.trigger(), intervalMs);
    this.timer.unref();
    if (!first) return;
    this.running = first()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        this.trigger();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.trigger();
        }
      });
  }
}

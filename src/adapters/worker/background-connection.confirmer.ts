import { inject, injectable } from 'inversify';
import type { ConnectionConfirmer } from '../../application/ports/connection-confirmer.port';
import { Logger } from '../../application/ports/logger.port';
import { ConfirmConnection } from '../../application/use-cases/confirm-connection.use-case';

export const ConfirmerTimingToken = Symbol('qbo-sync.ConnectionConfirmerTiming');

export interface ConfirmerTiming {
  /** The shortest wait before asking QBO again, and the first step of the backoff when QBO gave no wait. */
  readonly minWaitMs: number;
  /** The longest wait between two attempts, whatever QBO asked for. */
  readonly maxWaitMs: number;
}

export const defaultConfirmerTiming: ConfirmerTiming = { minWaitMs: 1_000, maxWaitMs: 120_000 };

/**
 * Confirms pending connections in this process: one timer per tenant, waiting as long as QBO asked (or a doubling
 * backoff when it said nothing), until QBO confirms or refuses. `stop()` cancels the waits and lets an attempt in
 * flight finish; timers never keep the host process alive.
 */
@injectable()
export class BackgroundConnectionConfirmer implements ConnectionConfirmer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly backoff = new Map<string, number>();
  /** Tenants asked about while an attempt ran: a connection stored meanwhile is looked at again at once. */
  private readonly askedAgain = new Set<string>();
  private stopped = false;

  constructor(
    @inject(ConfirmConnection) private readonly confirm: ConfirmConnection,
    @inject(Logger) private readonly logger: Logger,
    @inject(ConfirmerTimingToken) private readonly timing: ConfirmerTiming,
  ) {}

  confirmLater(tenantId: string, afterMs: number): void {
    if (this.stopped || this.timers.has(tenantId)) return;
    if (this.running.has(tenantId)) {
      this.askedAgain.add(tenantId);
      return;
    }
    const waitMs = Math.min(this.timing.maxWaitMs, Math.max(this.timing.minWaitMs, afterMs));
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      this.attempt(tenantId);
    }, waitMs);
    timer.unref();
    this.timers.set(tenantId, timer);
  }

  start(): void {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running.values()]);
  }

  private attempt(tenantId: string): void {
    const run = this.confirm
      .execute(tenantId)
      .catch((error: unknown): ConfirmConnection.Outcome => {
        // The database or QBO may be away for a while: asked again with the backoff, like a busy QBO.
        this.logger.error({ tenantId, error: error instanceof Error ? error.message : String(error) }, 'confirming a QBO connection failed');
        return { kind: 'waiting', retryAfterMs: null };
      })
      .then((outcome) => {
        this.running.delete(tenantId);
        const asked = this.askedAgain.delete(tenantId);
        if (outcome.kind === 'waiting') this.again(tenantId, outcome.retryAfterMs);
        else {
          this.backoff.delete(tenantId);
          if (asked) this.confirmLater(tenantId, 0);
        }
      });
    this.running.set(tenantId, run);
  }

  private again(tenantId: string, retryAfterMs: number | null): void {
    const previous = this.backoff.get(tenantId) ?? this.timing.minWaitMs / 2;
    const backoffMs = Math.min(this.timing.maxWaitMs, previous * 2);
    this.backoff.set(tenantId, backoffMs);
    this.logger.info({ tenantId, waitMs: retryAfterMs ?? backoffMs }, 'QBO could not confirm the connection yet; asking again later');
    this.confirmLater(tenantId, retryAfterMs ?? backoffMs);
  }
}

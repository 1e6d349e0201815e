import type { QboBudgetStore, StartReservation } from '../../application/ports/qbo-budget-store.port';
import { idlePace, pausedPace, reserveStarts, type PaceRule, type PaceState, type StartAsk } from '../../domain/qbo/shared-pace';

/** The budget of every plugin instance in this process that is given the same store. */
export class InMemoryQboBudgetStore implements QboBudgetStore {
  private readonly paces = new Map<string, PaceState>();

  async reserve(tenantId: string, realmId: string, ask: StartAsk, rule: PaceRule, now: number): Promise<StartReservation> {
    const key = JSON.stringify([tenantId, realmId]);
    const reserved = reserveStarts(this.paces.get(key) ?? idlePace, ask, rule, now);
    this.paces.set(key, reserved.state);
    return { singles: reserved.singles, batches: reserved.batches, pausedUntil: reserved.state.pausedUntil };
  }

  async pause(tenantId: string, realmId: string, untilMs: number): Promise<void> {
    const key = JSON.stringify([tenantId, realmId]);
    this.paces.set(key, pausedPace(this.paces.get(key) ?? idlePace, untilMs));
  }
}

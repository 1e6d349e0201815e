import type { PaceRule, StartAsk } from '../../domain/qbo/shared-pace';

/** Starts reserved for one process: when each may happen, and the pause every process honours (docs/adr/0072). */
export interface StartReservation {
  readonly singles: readonly number[];
  readonly batches: readonly number[];
  /** A 429 seen by any process: no start before this (0 when none). */
  readonly pausedUntil: number;
}

/**
 * One QBO company's request budget, kept where every process of the host sees it: QBO counts its limits per company,
 * not per process. Keyed by tenant and the company QBO confirmed (docs/adr/0005): no tenant spends or pauses another's.
 * Times are the database's clock (the plugin's `Clock`), so processes whose own clocks differ still agree.
 */
export const QboBudgetStore = Symbol('qbo-sync.QboBudgetStore');
export interface QboBudgetStore {
  /** Reserves `ask` starts on `rule`'s pace from `now`, atomically against every other process: no two get the same start. */
  reserve(tenantId: string, realmId: string, ask: StartAsk, rule: PaceRule, now: number): Promise<StartReservation>;
  /** No process starts anything for this company before `untilMs` (QBO answered 429); a pause is never shortened. */
  pause(tenantId: string, realmId: string, untilMs: number): Promise<void>;
}

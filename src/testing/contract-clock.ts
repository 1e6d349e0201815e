import type { Clock } from '../application/ports/clock.port';

/** A clock the contract suites move by hand. */
export class ContractClock implements Clock {
  constructor(public time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): number {
    this.time += ms;
    return this.time;
  }
}

let counter = 0;
/** Tenants unique per test, so suites sharing one database never see each other's rows. */
export const uniqueTenant = (label = 'tenant'): string => `${label}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

import type { EmulatedEntity } from './emulated-entity';
import { validationFault, type QboFault } from './qbo-fault';

/**
 * Definite refusals a test arms through the control API (`POST /__emulator/refusals`): the next writes of one entity
 * in one company are refused with a 400 ValidationFault (code 6000 by default), as QBO refuses a business rule. They
 * are thrown inside the write, so the company stores them under the write's requestid like any refusal (and replays
 * them when `replayRefusals` is on): only a new requestid gets through once the refusal is cleared or used up.
 */
export interface ArmedRefusal {
  readonly entity: EmulatedEntity;
  readonly code: string;
  readonly detail: string;
  /** Writes still to refuse; null: every write until cleared. */
  remaining: number | null;
}

export class ArmedRefusals {
  private armed: ArmedRefusal[] = [];

  arm(refusal: ArmedRefusal): void {
    this.armed.push(refusal);
  }

  /** Drops the armed refusals (of one entity, or all); says how many were armed. */
  clear(entity?: EmulatedEntity): number {
    const before = this.armed.length;
    this.armed = this.armed.filter((refusal) => entity !== undefined && refusal.entity !== entity);
    return before - this.armed.length;
  }

  list(): readonly ArmedRefusal[] {
    return this.armed;
  }

  /** The fault for this write of `entity`, used up as it is taken; undefined when none is armed. */
  take(entity: EmulatedEntity): QboFault | undefined {
    const refusal = this.armed.find((candidate) => candidate.entity === entity);
    if (!refusal) return undefined;
    if (refusal.remaining !== null) {
      refusal.remaining -= 1;
      if (refusal.remaining <= 0) this.armed = this.armed.filter((candidate) => candidate !== refusal);
    }
    return validationFault(refusal.code, 'A business validation error has occurred while processing your request', refusal.detail);
  }
}

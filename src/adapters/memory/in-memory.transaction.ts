/**
 * A stand-in for the host's database transaction when the outbox lives in memory: writes handed to it apply
 * on commit and vanish on rollback, so tests can prove a signal never outlives its rolled-back change.
 */
export class InMemoryTransaction {
  private readonly onCommit: (() => void)[] = [];
  private state: 'open' | 'committed' | 'rolled_back' = 'open';

  defer(write: () => void): void {
    if (this.state !== 'open') throw new Error(`This transaction is already ${this.state.replace('_', ' ')}.`);
    this.onCommit.push(write);
  }

  commit(): void {
    if (this.state !== 'open') throw new Error(`This transaction is already ${this.state.replace('_', ' ')}.`);
    this.state = 'committed';
    for (const write of this.onCommit.splice(0)) write();
  }

  rollback(): void {
    this.state = 'rolled_back';
    this.onCommit.length = 0;
  }
}

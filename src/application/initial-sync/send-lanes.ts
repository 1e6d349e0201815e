import type { Clock } from '../ports/clock.port';
import type { InitialSyncJob, JobStore, PendingSend } from '../ports/job-store.port';
import type { BatchOutcome, BatchSender, Transmitted } from './batch-sender';
import type { PlannedCreate } from './initial-sync-plan';

/**
 * How many units the initial sync keeps in flight. QBO allows 500 requests a minute (batches included), 10 at a
 * time, and only 40 batches: batches alone reach 1,200 entities a minute, batches beside single creates 1,660. Two
 * batch lanes keep a batch always waiting for its budget; the single lanes use the other requests (2 × 4 + 2 = 10).
 */
export interface LaneShape {
  readonly batchLanes: number;
  readonly batchSize: number;
  readonly singleLanes: number;
  readonly singlesPerUnit: number;
}

export const defaultLaneShape: LaneShape = { batchLanes: 2, batchSize: 30, singleLanes: 2, singlesPerUnit: 4 };

export type LanesEnd = { readonly kind: 'drained' } | { readonly kind: 'stopped' } | { readonly kind: 'wait'; readonly reason: string };

type Prepared = { readonly send: PendingSend | null } | { readonly error: unknown };

/** After each unit is stored (must not wait): why to stop taking work, or null to go on. */
export type AfterUnit = (outcome: Extract<BatchOutcome, { kind: 'settled' }>) => LanesEnd | null;

/**
 * Sends the planned creates in concurrent lanes. Each unit is written down before it is sent and forgotten only
 * once QBO's answers are stored, so a crash at any point leaves units that are sent again with the same requestids.
 * A lane stops taking work when the process is stopping, QBO asks to wait, or the job ended; units in flight finish.
 */
export const sendInLanes = async (
  deps: { readonly jobs: JobStore; readonly sender: BatchSender; readonly clock: Clock; readonly shape: LaneShape },
  job: InitialSyncJob,
  creates: AsyncIterator<PlannedCreate>,
  afterUnit: AfterUnit,
  shouldStop: () => boolean,
): Promise<LanesEnd> => {
  const { jobs, sender, clock, shape } = deps;
  let end: LanesEnd | null = null;
  let counter = 0;
  const take = async (count: number): Promise<PlannedCreate[]> => {
    const taken: PlannedCreate[] = [];
    while (taken.length < count) {
      const next = await creates.next();
      if (next.done) break;
      taken.push(next.value);
    }
    return taken;
  };
  /** Stores a sent unit's answers, then forgets the unit; an error is kept (as a value) for the lane to throw. */
  const store = async (send: PendingSend, results: Extract<Transmitted, { kind: 'answered' }>['results']): Promise<{ readonly error: unknown } | null> => {
    try {
      const outcome = await sender.store(job.tenantId, send.batch, results, 'planned');
      await jobs.forgetSend(job.tenantId, job.id, send.id);
      const stop = afterUnit(outcome);
      if (stop) end ??= stop;
      return null;
    } catch (error) {
      return { error };
    }
  };
  /** Plans a lane's next unit and writes it down; no unit when nothing is left or the job ended. Errors as values. */
  const prepare = async (mode: PendingSend['mode'], size: number): Promise<Prepared> => {
    try {
      const slice = await take(size);
      // Anything taken after another lane ended is planned again on the next run (nothing was written down).
      if (slice.length === 0 || end !== null) return { send: null };
      const send: PendingSend = { id: `${clock.now().toString(36)}-${mode[0]}${(counter += 1)}`, mode, batch: { operations: slice.map((c) => c.operation), targets: slice.map((c) => c.target) } };
      if (!(await jobs.writeDown(job.tenantId, job.id, send))) {
        end ??= { kind: 'stopped' };
        return { send: null };
      }
      return { send };
    } catch (error) {
      return { error };
    }
  };
  /**
   * One lane sends one unit at a time. While a unit is on the wire, the lane plans and writes down the next one and
   * stores the answers of the one before: at 1/20 of real time a request is due every 6 ms, and the database work
   * between sends left the lanes behind QBO's pace. At most one unit per lane waits to be stored, a unit is forgotten
   * only once stored, and one written down when the lane ends is sent first by the next run.
   */
  const lane = async (mode: PendingSend['mode'], size: number): Promise<void> => {
    let storing: Promise<{ readonly error: unknown } | null> = Promise.resolve(null);
    let next = prepare(mode, size);
    const stored = async (): Promise<void> => {
      const failure = await storing;
      if (failure) throw failure.error;
    };
    const prepared = async (): Promise<PendingSend | null> => {
      const unit = await next;
      if ('error' in unit) throw unit.error;
      return unit.send;
    };
    try {
      while (end === null) {
        if (shouldStop()) {
          end = { kind: 'wait', reason: 'This process is stopping; the job goes on where it stopped.' };
          break;
        }
        const send = await prepared();
        if (send === null) break;
        next = prepare(mode, size);
        const answered = await sender.transmit(job.tenantId, send.batch, mode);
        if (answered.kind === 'wait') {
          end ??= { kind: 'wait', reason: answered.reason };
          break;
        }
        await stored();
        storing = store(send, answered.results);
      }
    } catch (error) {
      await Promise.all([storing, next]); // the units before are stored (or stay written down) before the error goes on
      throw error;
    }
    await prepared();
    await stored();
  };
  await Promise.all([
    ...Array.from({ length: shape.batchLanes }, () => lane('batch', shape.batchSize)),
    ...Array.from({ length: shape.singleLanes }, () => lane('singles', shape.singlesPerUnit)),
  ]);
  return end ?? { kind: 'drained' };
};

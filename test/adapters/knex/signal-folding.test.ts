import { SignalFolding } from '../../../src/adapters/knex/signal-folding';

/** A fold the test ends by hand, counting how many were started. */
const handFolds = () => {
  const ends: Array<(outcome: Error | number) => void> = [];
  const fold = (): Promise<number> =>
    new Promise<number>((resolve, reject) => ends.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))));
  return { fold, ends };
};
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SignalFolding (ADR 0089)', () => {
  it('runs one fold beside the passes at a time', async () => {
    const { fold, ends } = handFolds();
    const folding = new SignalFolding(fold);
    folding.startBeside();
    folding.startBeside();
    expect(ends).toHaveLength(1);

    ends[0]!(40);
    await folding.settled();
    folding.startBeside();
    expect(ends).toHaveLength(2);
    ends[1]!(0);
    await folding.settled();
  });

  it('drops a failed fold beside the passes, and starts the next one when asked', async () => {
    const { fold, ends } = handFolds();
    const folding = new SignalFolding(fold);
    folding.startBeside();
    ends[0]!(new Error('the database went away'));
    await expect(folding.settled()).resolves.toBeUndefined();
    folding.startBeside();
    expect(ends).toHaveLength(2);
    ends[1]!(3);
    await folding.settled();
  });

  it('folds now only after the fold under way has ended, and reports its own failure', async () => {
    const { fold, ends } = handFolds();
    const folding = new SignalFolding(fold);
    folding.startBeside();
    const now = folding.foldNow();
    await turn();
    expect(ends).toHaveLength(1);

    ends[0]!(500);
    await turn();
    await turn();
    expect(ends).toHaveLength(2);
    ends[1]!(new Error('lock wait timeout'));
    await expect(now).rejects.toThrow('lock wait timeout');
  });
});

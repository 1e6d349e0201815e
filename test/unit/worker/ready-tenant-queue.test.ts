import { ReadyTenantQueue } from '../../../src/adapters/worker/ready-tenant-queue';

/** A queue over a fixed answer of the outbox, counting its reads, on a clock the test moves. */
const queueOver = (ready: string[]) => {
  const clock = { time: 1_000 };
  let reads = 0;
  const queue = new ReadyTenantQueue(
    async () => {
      reads += 1;
      return ready;
    },
    () => clock.time,
    250,
  );
  return { queue, clock, reads: () => reads };
};

describe('the ready companies handed to the lanes', () => {
  it('hands out each company once per read, reading again only when all were handed out', async () => {
    const { queue, reads } = queueOver(['a', 'b']);
    expect(await queue.take()).toBe('a');
    expect(await queue.take()).toBe('b');
    expect(reads()).toBe(1);
    queue.done('a', 1);
    expect(await queue.take()).toBe('a');
    expect(reads()).toBe(2);
  });

  it('never hands out a company a lane is driving, however often the outbox lists it', async () => {
    const { queue } = queueOver(['a']);
    expect(await queue.take()).toBe('a');
    expect(await queue.take()).toBeNull();
    queue.done('a', 3);
    expect(await queue.take()).toBe('a');
  });

  it('rests a company whose round settled nothing (held by another process) until the poll has passed', async () => {
    const { queue, clock } = queueOver(['a']);
    expect(await queue.take()).toBe('a');
    queue.done('a', 0);
    expect(await queue.take()).toBeNull();
    clock.time += 250;
    expect(await queue.take()).toBe('a');
  });

  it('shares one read between the lanes that find it empty at the same moment', async () => {
    const { queue, reads } = queueOver(['a', 'b', 'c']);
    expect(await Promise.all([queue.take(), queue.take(), queue.take()])).toEqual(['a', 'b', 'c']);
    expect(reads()).toBe(1);
  });
});

describe('a company another process holds', () => {
  it('rests eight polls, as that process drives it meanwhile', async () => {
    const { queue, clock } = queueOver(['a']);
    expect(await queue.take()).toBe('a');
    queue.done('a', 0, true);
    clock.time += 7 * 250;
    expect(await queue.take()).toBeNull();
    clock.time += 250;
    expect(await queue.take()).toBe('a');
  });
});

import fc from 'fast-check';
import { KnexOutboxStore } from '../../../src/adapters/knex/knex-outbox.store';
import { migratePluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { InMemoryOutboxStore } from '../../../src/adapters/memory/in-memory-outbox.store';
import type { ClaimedChange, OutboxStore } from '../../../src/application/ports/outbox-store.port';
import type { Knex } from 'knex';
import { consumeSignals } from '../../../src/adapters/knex/outbox-ready-tenants';
import { pluginTables } from '../../../src/adapters/knex/plugin-tables';
import { createSqliteDatabase, createTestDatabase, type TestDatabase } from '../../support/database';

/**
 * The knex store (SQLite) and the in-memory store, driven by the same random commands, must answer the same:
 * the in-memory store is the model the application tests trust.
 */
type Command =
  | { readonly op: 'enqueue'; readonly tenant: number; readonly hostIds: readonly number[] }
  | { readonly op: 'claim'; readonly tenant: number; readonly limit: number }
  | { readonly op: 'settle'; readonly how: 'complete' | 'retryLater' | 'fail' | 'release'; readonly pick: number; readonly stale: boolean }
  | { readonly op: 'requeue'; readonly tenant: number; readonly pick: number }
  | { readonly op: 'advance'; readonly ms: number }
  /** The worker folds the hosts' signals into the ready-companies index (knex only): readyTenants then reads the index. */
  | { readonly op: 'fold' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('enqueue' as const), tenant: fc.nat(1), hostIds: fc.array(fc.nat(4), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('claim' as const), tenant: fc.nat(1), limit: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('settle' as const), how: fc.constantFrom('complete', 'retryLater', 'fail', 'release'), pick: fc.nat(), stale: fc.boolean() }),
  fc.record({ op: fc.constant('requeue' as const), tenant: fc.nat(1), pick: fc.nat() }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(1, 1_000, 30_000) }),
  fc.constant({ op: 'fold' as const }),
);

interface Side {
  readonly store: OutboxStore;
  /** Every claim handed out, oldest first; ids differ between sides, positions do not. */
  readonly claims: ClaimedChange[];
  /** The knex side's database, for the worker's fold. */
  readonly knex?: Knex;
}

const lease = 10_000;
const view = (c: ClaimedChange) => `${c.tenantId}/${c.kind}/${c.hostId}#${c.attempt}@${c.enqueuedAt}`;

const step = async (side: Side, cmd: Command, now: number): Promise<unknown> => {
  const tenant = (n: number) => `tenant-${n}`;
  switch (cmd.op) {
    case 'enqueue':
      return side.store.enqueue(cmd.hostIds.map((id) => ({ tenantId: tenant(cmd.tenant), kind: 'customer' as const, hostId: String(id) })));
    case 'claim': {
      const claimed = await side.store.claim(tenant(cmd.tenant), cmd.limit, now, lease);
      side.claims.push(...claimed);
      return claimed.map(view);
    }
    case 'settle': {
      if (side.claims.length === 0) return null;
      const claim = side.claims[cmd.pick % side.claims.length]!;
      const token = cmd.stale ? 'not-the-token' : claim.attemptToken;
      if (cmd.how === 'complete') return side.store.complete(claim.id, token, now);
      if (cmd.how === 'fail') return side.store.fail(claim.id, token, 'failed', now);
      if (cmd.how === 'release') return side.store.release(claim.id, token, now);
      return side.store.retryLater(claim.id, token, now + 2_000, 'try again');
    }
    case 'requeue': {
      if (side.claims.length === 0) return null;
      return side.store.requeue(tenant(cmd.tenant), side.claims[cmd.pick % side.claims.length]!.id, now);
    }
    case 'advance':
      return null;
    case 'fold':
      if (side.knex) await consumeSignals(side.knex, pluginTables('qbo_'));
      return null;
  }
};

const runCommands = async (knex: Knex, commands: readonly Command[]): Promise<void> => {
  let now = 1_000_000;
  const clock = { now: () => now };
  const model: Side = { store: new InMemoryOutboxStore(clock), claims: [] };
  const real: Side = { store: new KnexOutboxStore(knex, 'qbo_', clock), claims: [], knex };
  for (const cmd of commands) {
    if (cmd.op === 'advance') now += cmd.ms;
    expect(await step(real, cmd, now)).toEqual(await step(model, cmd, now));
    for (const tenant of ['tenant-0', 'tenant-1']) expect(await real.store.stats(tenant, now)).toEqual(await model.store.stats(tenant, now));
    expect(await real.store.readyTenants(now, 10)).toEqual(await model.store.readyTenants(now, 10));
  }
};

const commands = fc.array(command, { minLength: 5, maxLength: 40, size: 'max' });

describe('KnexOutboxStore on SQLite behaves as the in-memory model', () => {
  it('answers every command sequence the same', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const db = await createSqliteDatabase();
        try {
          await migratePluginTables(db.knex, 'qbo_');
          await runCommands(db.knex, sequence);
        } finally {
          await db.destroy();
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** MariaDB claims with its own statements (one read, one multi-table write: ADR 0084), so it answers the model too. */
describe('KnexOutboxStore on MariaDB behaves as the in-memory model', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migratePluginTables(db.knex, 'qbo_');
  });
  afterAll(() => db.destroy());

  it('answers every command sequence the same', async () => {
    const tables = pluginTables('qbo_');
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        for (const table of [tables.outbox, tables.outboxSignals, tables.outboxTenants]) await db.knex(table).delete();
        await runCommands(db.knex, sequence);
      }),
      { numRuns: 40 },
    );
  });
});

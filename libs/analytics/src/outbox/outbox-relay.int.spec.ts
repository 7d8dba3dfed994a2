import type { Database, DatabaseEngine } from '@carteria/db';
import { Prisma } from '@carteria/db';
import { createTestDatabase, postgresAvailable } from '@carteria/testing';
import type { TestDatabase } from '@carteria/testing';
import type { CartEventRecord } from '../events/cart-event.types.ts';
import { EventPublishError } from '../publishing/event-publisher.ts';
import type { EventPublisher } from '../publishing/event-publisher.ts';
import { InMemoryEventPublisher } from '../testing/in-memory-event.publisher.ts';
import { RecordingOutboxMetrics } from '../testing/recording-outbox.metrics.ts';
import { cartEventRecord, insertCartEvents } from '../testing/sample-cart-events.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { OutboxRelay } from './outbox-relay.ts';
import type { OutboxRelayOptions } from './outbox-relay.options.ts';

const cartIds = ['0193a0c4-0000-7000-8000-0000000000c1', '0193a0c4-0000-7000-8000-0000000000c2', '0193a0c4-0000-7000-8000-0000000000c3'];

/** `perCart` events for each cart, interleaved in time the way concurrent shoppers make them. */
function interleaved(perCart: number, carts = cartIds): CartEventRecord[] {
  const start = Date.now() - 60_000;
  return Array.from({ length: perCart }, (_, index) =>
    carts.map((cartId, cart) =>
      cartEventRecord(index === 0 ? 'cart.created' : 'cart.emptied', {
        cartId,
        sequence: index + 1,
        occurredAt: new Date(start + index * 100 + cart),
      }),
    ),
  ).flat();
}

async function publishedIds(database: Database): Promise<string[]> {
  const rows = await database.prisma.cartEvent.findMany({ where: { publishedAt: { not: null } }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Each cart's sequences in the order the publisher first accepted them. */
function firstSeenOrder(publisher: InMemoryEventPublisher): Map<string, number[]> {
  const seen = new Set<string>();
  const byCart = new Map<string, number[]>();
  for (const event of publisher.accepted) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    byCart.set(event.subject, [...(byCart.get(event.subject) ?? []), Number(event.sequence)]);
  }
  return byCart;
}

function relaySuite(engine: DatabaseEngine): void {
  let test: TestDatabase;
  let database: Database;
  const relays: OutboxRelay[] = [];
  const relayWith = (options: Partial<OutboxRelayOptions> & Pick<OutboxRelayOptions, 'publisher'>): OutboxRelay => {
    const relay = new OutboxRelay({ database, pollIntervalMs: 20, retryInitialDelayMs: 20, retryMaxDelayMs: 100, ...options });
    relays.push(relay);
    return relay;
  };

  beforeAll(async () => {
    test = await createTestDatabase({ engine });
    database = test.database;
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await database.prisma.cartEvent.deleteMany();
  });
  afterAll(() => test.dispose());

  it('publishes unpublished rows in (cart, sequence) order and marks them published', async () => {
    const rows = interleaved(3);
    await insertCartEvents(database, rows);
    const publisher = new InMemoryEventPublisher();
    const relay = relayWith({ publisher });

    expect(await relay.relayOnce()).toEqual({ status: 'published', selected: 9, published: 9 });
    const expected = [...rows].sort((a, b) => a.cartId.localeCompare(b.cartId) || a.sequence - b.sequence);
    expect(publisher.accepted.map((event) => event.id)).toEqual(expected.map((row) => row.id));
    expect((await publishedIds(database)).sort()).toEqual(rows.map((row) => row.id).sort());
    expect(await relay.relayOnce()).toEqual({ status: 'idle' });
  });

  it('works in batches of batchSize, oldest first, each cart in order across batches', async () => {
    const rows = interleaved(4);
    await insertCartEvents(database, rows);
    const publisher = new InMemoryEventPublisher();
    const relay = relayWith({ publisher, batchSize: 5 });
    const passes = [await relay.relayOnce(), await relay.relayOnce(), await relay.relayOnce(), await relay.relayOnce()];
    expect(passes.map((pass) => ('published' in pass ? pass.published : pass.status))).toEqual([5, 5, 2, 'idle']);
    for (const [, sequences] of firstSeenOrder(publisher)) expect(sequences).toEqual([1, 2, 3, 4]);
    // The first batch holds the oldest rows: every cart's first two events.
    expect(publisher.accepted.slice(0, 5).every((event) => Number(event.sequence) <= 2)).toBe(true);
  });

  it('never takes a later event of a cart before an earlier one, even when its occurred_at is older', async () => {
    const cartId = cartIds[0]!;
    const now = Date.now();
    await insertCartEvents(database, [
      cartEventRecord('cart.created', { cartId, sequence: 1, occurredAt: new Date(now) }),
      // Written by a replica whose clock is behind: older time, later version.
      cartEventRecord('cart.emptied', { cartId, sequence: 2, occurredAt: new Date(now - 5_000) }),
    ]);
    const publisher = new InMemoryEventPublisher();
    const relay = relayWith({ publisher, batchSize: 1 });
    await relay.relayOnce();
    await relay.relayOnce();
    expect(publisher.accepted.map((event) => event.sequence)).toEqual(['0000000001', '0000000002']);
  });

  it('after a failure half-way marks only what was acknowledged, and the next pass starts there', async () => {
    const rows = interleaved(4);
    await insertCartEvents(database, rows);
    const publisher = new InMemoryEventPublisher();
    publisher.failNext({ afterEvents: 6, reportAcknowledged: true });
    const metrics = new RecordingOutboxMetrics();
    const relay = relayWith({ publisher, metrics });

    const failed = await relay.relayOnce();
    expect(failed).toMatchObject({ status: 'failed', selected: 12, published: 6 });
    expect(await publishedIds(database)).toHaveLength(6);
    expect(metrics.failures).toEqual(['publish']);

    expect(await relay.relayOnce()).toEqual({ status: 'published', selected: 6, published: 6 });
    expect(publisher.accepted).toHaveLength(12); // nothing sent twice
    for (const [, sequences] of firstSeenOrder(publisher)) expect(sequences).toEqual([1, 2, 3, 4]);
    expect(metrics.published).toBe(12);
  });

  it('after a crash with nothing known acknowledged publishes the whole batch again (at least once)', async () => {
    const rows = interleaved(3);
    await insertCartEvents(database, rows);
    const publisher = new InMemoryEventPublisher();
    publisher.failNext({ afterEvents: 4, reportAcknowledged: false });
    const relay = relayWith({ publisher });

    expect(await relay.relayOnce()).toMatchObject({ status: 'failed', published: 0 });
    expect(await publishedIds(database)).toHaveLength(0);
    expect(await relay.relayOnce()).toMatchObject({ status: 'published', published: 9 });
    expect(publisher.accepted).toHaveLength(13); // 4 re-sent: consumers dedupe by id
    expect(new Set(publisher.accepted.map((event) => event.id)).size).toBe(9);
  });

  it('runs in the background, backs off after failures, and reports lag and backlog', async () => {
    const publisher = new InMemoryEventPublisher();
    for (let i = 0; i < 3; i += 1) publisher.failNext({ afterEvents: 0, reportAcknowledged: true });
    const metrics = new RecordingOutboxMetrics();
    const relay = relayWith({ publisher, metrics, backlogIntervalMs: 0 });
    await insertCartEvents(database, interleaved(2));
    const started = performance.now();
    relay.start();
    expect(relay.running).toBe(true);
    await waitUntil(async () => (await publishedIds(database)).length === 6);
    // Three failures in a row waited at least 10 + 20 + 40 ms (the lower halves of 20, 40, 80).
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(metrics.failures).toEqual(['publish', 'publish', 'publish']);
    expect(metrics.lags).toHaveLength(6);
    expect(Math.min(...metrics.lags)).toBeGreaterThan(50); // the rows are a minute old
    await waitUntil(() => metrics.backlogs.at(-1)?.backlog === 0);
    expect(metrics.backlogs.some((entry) => entry.backlog === 6 && entry.oldestAgeSeconds >= 59)).toBe(true);
  });

  it('wake() makes an idle relay poll at once', async () => {
    const publisher = new InMemoryEventPublisher();
    const relay = relayWith({ publisher, pollIntervalMs: 60_000 });
    relay.start();
    await waitUntil(() => publisher.batches.length === 0 && relay.running);
    await new Promise((resolve) => setTimeout(resolve, 100)); // now asleep for a minute
    await insertCartEvents(database, interleaved(1));
    relay.wake();
    await waitUntil(async () => (await publishedIds(database)).length === 3, { timeoutMs: 5_000 });
  });

  it('stop() ends a slow batch early, keeping what was acknowledged', async () => {
    await insertCartEvents(database, interleaved(5));
    let sent = 0;
    // Acknowledges three events, then stalls; told to stop, it names what it did send.
    const slow: EventPublisher = {
      async publish(events, options) {
        const acknowledged: string[] = [];
        for (const event of events) {
          if (acknowledged.length === 3) await new Promise((resolve) => setTimeout(resolve, 300));
          if (options?.signal?.aborted) throw new EventPublishError('stopped', { acknowledged });
          acknowledged.push(event.id);
          sent += 1;
        }
      },
      close: () => Promise.resolve(),
    };
    const relay = relayWith({ publisher: slow });
    relay.start();
    await waitUntil(() => sent === 3);
    await relay.stop();
    expect(relay.running).toBe(false);
    expect(await publishedIds(database)).toHaveLength(3);
  });

  it('refuses relayOnce() while running and can be stopped twice', async () => {
    const relay = relayWith({ publisher: new InMemoryEventPublisher() });
    relay.start();
    relay.start();
    await expect(relay.relayOnce()).rejects.toThrow(/cannot run while/);
    await relay.stop();
    await relay.stop();
  });

  if (engine === 'postgres') {
    it('lets one replica at a time work: a held relay lock makes a pass busy', async () => {
      await insertCartEvents(database, interleaved(1));
      const publisher = new InMemoryEventPublisher();
      const relay = relayWith({ publisher });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockHeld = new Promise<void>((resolve) => (locked = resolve));
      const holder = database.prisma.$transaction(async (tx) => {
        await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${BigInt(0x63617274)}::bigint)`);
        locked();
        await released;
      });
      await lockHeld;
      expect(await relay.relayOnce()).toEqual({ status: 'busy' });
      release();
      await holder;
      expect(await relay.relayOnce()).toMatchObject({ status: 'published', published: 3 });
    });

    it('with three replicas running, publishes every event once, in order per cart', async () => {
      const carts = Array.from({ length: 6 }, (_, index) => `0193a0c4-0000-7000-8000-${String(index).padStart(12, '0')}`);
      const rows = interleaved(25, carts);
      const publisher = new InMemoryEventPublisher();
      for (let replica = 0; replica < 3; replica += 1) relayWith({ publisher, batchSize: 10 }).start();
      await insertCartEvents(database, rows);
      await waitUntil(async () => (await publishedIds(database)).length === rows.length);
      expect(publisher.accepted).toHaveLength(rows.length);
      for (const [, sequences] of firstSeenOrder(publisher)) expect(sequences).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });
  }
}

describe('OutboxRelay on PGlite', () => relaySuite('pglite'));

if (postgresAvailable()) describe('OutboxRelay on PostgreSQL', () => relaySuite('postgres'));
else describe.skip('OutboxRelay on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => it.todo('needs PostgreSQL'));

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Database, DatabaseEngine } from '@carteria/db';
import { createTestDatabase, NatsNode, natsServerBinary, postgresAvailable } from '@carteria/testing';
import type { TestDatabase } from '@carteria/testing';
import type { CartEventRecord } from '../events/cart-event.types.ts';
import type { EventPublisher } from '../publishing/event-publisher.ts';
import { NatsJetStreamPublisher } from '../publishing/nats-jetstream.publisher.ts';
import { RecordingOutboxMetrics } from '../testing/recording-outbox.metrics.ts';
import { cartEventRecord, insertCartEvents } from '../testing/sample-cart-events.ts';
import { readStream } from '../testing/stream-reader.ts';
import type { StreamMessage } from '../testing/stream-reader.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { OutboxRelay } from './outbox-relay.ts';

const binary = natsServerBinary();

const carts = Array.from({ length: 20 }, (_, index) => `0193a0c4-0000-7000-8000-${String(index + 1).padStart(12, '0')}`);

/**
 * 20 writers, one per cart, each committing its cart's changes one after the other (as the cart
 * lib does: a version follows the one before), all 20 at once; the relay is woken after each commit.
 */
async function writeConcurrently(database: Database, perCart: number, relay?: OutboxRelay, firstSequence = 1): Promise<CartEventRecord[]> {
  const written: CartEventRecord[] = [];
  await Promise.all(
    carts.map(async (cartId) => {
      for (let sequence = firstSequence; sequence < firstSequence + perCart; sequence += 1) {
        const record = cartEventRecord(sequence === 1 ? 'cart.created' : 'cart.item_added', { cartId, sequence, occurredAt: new Date() });
        await insertCartEvents(database, [record]);
        written.push(record);
        relay?.wake();
        // Changes arrive as HTTP requests, between which the event loop runs I/O. Without this
        // pause, embedded PGlite (synchronous WebAssembly behind promises) would chain all 1,000
        // inserts in microtasks and starve the NATS client of its acks.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  return written;
}

async function streamCount(server: NatsNode, stream: string): Promise<number> {
  const nc = await connect({ servers: server.url });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
  } finally {
    await nc.close();
  }
}

/** Every message once, and each cart's sequences strictly increasing in stream order. */
function expectExactlyOnceInOrder(messages: readonly StreamMessage[], written: readonly CartEventRecord[]): void {
  expect(messages).toHaveLength(written.length);
  expect(new Set(messages.map((message) => message.event.id)).size).toBe(written.length);
  expect(new Set(messages.map((message) => message.event.id))).toEqual(new Set(written.map((record) => record.id)));
  const last = new Map<string, number>();
  for (const { event } of messages) {
    const sequence = Number(event.sequence);
    expect([event.subject, sequence > (last.get(event.subject) ?? 0)]).toEqual([event.subject, true]);
    last.set(event.subject, sequence);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Publishes half of its `killAtBatch`-th batch, then dies without saying what was acknowledged. */
class DyingPublisher implements EventPublisher {
  readonly #inner: EventPublisher;
  readonly #killAtBatch: number;
  #batches = 0;

  constructor(inner: EventPublisher, killAtBatch: number) {
    this.#inner = inner;
    this.#killAtBatch = killAtBatch;
  }

  async publish(events: Parameters<EventPublisher['publish']>[0], options?: Parameters<EventPublisher['publish']>[1]): Promise<void> {
    this.#batches += 1;
    if (this.#batches !== this.#killAtBatch) return this.#inner.publish(events, options);
    await this.#inner.publish(events.slice(0, Math.ceil(events.length / 2)), options);
    throw new Error('relay process killed mid-batch');
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

function natsRelaySuite(engine: DatabaseEngine): void {
  let test: TestDatabase;
  let database: Database;
  let server: NatsNode;
  const cleanUp: (() => Promise<void>)[] = [];
  let streamNumber = 0;

  /** A publisher on a stream of its own, so that each test counts only its events. */
  const natsPublisher = () => {
    streamNumber += 1;
    const stream = `CARTS_${engine.toUpperCase()}_${streamNumber}`;
    const publisher = new NatsJetStreamPublisher({
      servers: [server.url],
      stream,
      subjectPrefix: `carts${streamNumber}`,
      ackTimeoutMs: 2_000,
    });
    cleanUp.push(() => publisher.close());
    return { publisher, stream };
  };
  const relayWith = (publisher: EventPublisher, metrics = new RecordingOutboxMetrics()) => {
    const relay = new OutboxRelay({
      database,
      publisher,
      metrics,
      pollIntervalMs: 200,
      retryInitialDelayMs: 100,
      retryMaxDelayMs: 1_000,
      backlogIntervalMs: 100,
      publishBudgetMs: 3_000,
    });
    cleanUp.unshift(() => relay.stop());
    return relay;
  };

  beforeAll(async () => {
    [test, server] = await Promise.all([createTestDatabase({ engine }), NatsNode.start({ name: 'analytics-relay' })]);
    database = test.database;
  });
  afterEach(async () => {
    for (const step of cleanUp.splice(0)) await step();
    if (!server.running) await server.start();
    await database.prisma.cartEvent.deleteMany();
  });
  afterAll(async () => {
    await test.dispose();
    await server.dispose();
  });

  it('relays 1,000 events written concurrently to 20 carts: exactly 1,000 in the stream, in order per cart', async () => {
    const { publisher, stream } = natsPublisher();
    const metrics = new RecordingOutboxMetrics();
    const relay = relayWith(publisher, metrics);
    // Connected and the stream made before the load, as the app does at start-up: embedded PGlite
    // shares this thread with the client, and 20 busy writers could hold up a first connection.
    await publisher.connect();
    relay.start();
    const started = performance.now();
    const written = await writeConcurrently(database, 50, relay);
    await waitUntil(() => metrics.published >= 1_000, { timeoutMs: 60_000, message: `published ${metrics.published} of 1000` });
    const elapsedMs = performance.now() - started;

    expect(await streamCount(server, stream)).toBe(1_000);
    expectExactlyOnceInOrder(await readStream(server.url, { stream, expected: 1_000 }), written);
    expect(await database.prisma.cartEvent.count({ where: { publishedAt: null } })).toBe(0);
    const lagsMs = metrics.lags.map((seconds) => seconds * 1000);
    console.log(
      `[${engine}] relay lag (insert → JetStream ack) over 1000 events: ` +
        `p50 ${percentile(lagsMs, 50).toFixed(0)} ms, p95 ${percentile(lagsMs, 95).toFixed(0)} ms, ` +
        `p99 ${percentile(lagsMs, 99).toFixed(0)} ms, max ${Math.max(...lagsMs).toFixed(0)} ms; ` +
        `1000 inserts by 20 concurrent writers and relayed in ${elapsedMs.toFixed(0)} ms; ` +
        `${metrics.failures.length} failed batches`,
    );
  }, 90_000);

  it('at rest, one change at a time, an event reaches JetStream within milliseconds of its commit', async () => {
    const { publisher, stream } = natsPublisher();
    await publisher.connect();
    const metrics = new RecordingOutboxMetrics();
    const relay = relayWith(publisher, metrics);
    relay.start();
    const cartId = carts[0]!;
    for (let sequence = 1; sequence <= 20; sequence += 1) {
      await insertCartEvents(database, [cartEventRecord('cart.emptied', { cartId, sequence, occurredAt: new Date() })]);
      relay.wake(); // as the app does after a commit
      await waitUntil(() => metrics.published === sequence, { intervalMs: 2 });
    }
    const lagsMs = metrics.lags.map((seconds) => seconds * 1000);
    console.log(
      `[${engine}] relay lag at rest (insert → wake() → JetStream ack), 20 single events: ` +
        `p50 ${percentile(lagsMs, 50).toFixed(0)} ms, max ${Math.max(...lagsMs).toFixed(0)} ms`,
    );
    expect(await streamCount(server, stream)).toBe(20);
    expect(percentile(lagsMs, 50)).toBeLessThan(200); // the poll interval: wake() must beat it
  });

  it('a relay killed mid-batch loses nothing: the next relay re-publishes and the stream dedupes', async () => {
    const { publisher, stream } = natsPublisher();
    const written = await writeConcurrently(database, 50);
    const dying = relayWith(new DyingPublisher(publisher, 3));
    expect(await dying.relayOnce()).toMatchObject({ status: 'published' });
    expect(await dying.relayOnce()).toMatchObject({ status: 'published' });
    expect(await dying.relayOnce()).toMatchObject({ status: 'failed', published: 0 });
    await dying.stop();
    expect(await database.prisma.cartEvent.count({ where: { publishedAt: null } })).toBe(800);

    // A new process: a fresh publisher and relay over the same outbox and stream.
    const restarted = new NatsJetStreamPublisher({ servers: [server.url], stream, subjectPrefix: `carts${streamNumber}` });
    cleanUp.push(() => restarted.close());
    const metrics = new RecordingOutboxMetrics();
    relayWith(restarted, metrics).start();
    await waitUntil(async () => (await database.prisma.cartEvent.count({ where: { publishedAt: null } })) === 0, { timeoutMs: 30_000 });

    expect(await streamCount(server, stream)).toBe(1_000);
    expectExactlyOnceInOrder(await readStream(server.url, { stream, expected: 1_000 }), written);
  }, 60_000);

  it('with the broker down delivery only waits: the backlog grows, then drains after restart', async () => {
    const { publisher, stream } = natsPublisher();
    const metrics = new RecordingOutboxMetrics();
    const relay = relayWith(publisher, metrics);
    relay.start();
    const before = await writeConcurrently(database, 5, relay);
    await waitUntil(() => metrics.published >= 100, { timeoutMs: 20_000 });

    await server.kill('SIGTERM');
    const during = await writeConcurrently(database, 10, relay, 6);
    await waitUntil(() => metrics.failures.length >= 2 && (metrics.backlogs.at(-1)?.backlog ?? 0) === 200, { timeoutMs: 20_000 });
    const stalled = metrics.backlogs.at(-1)!;
    expect(stalled.oldestAgeSeconds).toBeGreaterThan(0);
    expect(metrics.published).toBe(100);

    await server.start();
    await waitUntil(() => metrics.published >= 300, { timeoutMs: 30_000, message: `published ${metrics.published} of 300` });
    await waitUntil(() => metrics.backlogs.at(-1)?.backlog === 0, { timeoutMs: 5_000 });

    expect(await streamCount(server, stream)).toBe(300);
    expectExactlyOnceInOrder(await readStream(server.url, { stream, expected: 300 }), [...before, ...during]);
    expect(metrics.failures.every((stage) => stage === 'publish')).toBe(true);
  }, 90_000);
}

const natsMissing = 'skipped: nats-server not found';
if (binary) describe('OutboxRelay → NATS JetStream, on PGlite', () => natsRelaySuite('pglite'));
else describe.skip(`OutboxRelay → NATS JetStream, on PGlite (${natsMissing})`, () => it.todo('needs nats-server'));

if (binary && postgresAvailable()) describe('OutboxRelay → NATS JetStream, on PostgreSQL', () => natsRelaySuite('postgres'));
else {
  const why = binary ? 'skipped: TEST_DATABASE_URL is not set' : natsMissing;
  describe.skip(`OutboxRelay → NATS JetStream, on PostgreSQL (${why})`, () => it.todo('needs PostgreSQL and nats-server'));
}

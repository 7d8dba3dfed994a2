import type { CloudEvent } from '@carteria/analytics';
import { cartEventRecord, insertCartEvents } from '@carteria/analytics/testing';
import type { DatabaseEngine } from '@carteria/db';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@carteria/testing';
import { CartEventFeed, CartEventFeedClosedError } from './cart-event.feed.ts';

const cartA = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const cartB = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a22';

function recorder() {
  const events: CloudEvent[] = [];
  let closed = 0;
  return { events, closed: () => closed, listener: { onEvent: (event: CloudEvent) => void events.push(event), onClose: () => void closed++ } };
}

function feedSuite(engine: DatabaseEngine): void {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase({ engine });
  });
  afterAll(() => test.dispose());

  it('hands each listener its cart events after its own sequence, in order, once, from one query per poll', async () => {
    const feed = new CartEventFeed(test.database, { pollIntervalMs: 60_000, batchSize: 3 });
    await insertCartEvents(test.database, [1, 2, 3].map((sequence) => cartEventRecord('cart.item_added', { cartId: cartA, sequence })));
    await insertCartEvents(test.database, [cartEventRecord('cart.created', { cartId: cartB, sequence: 1 })]);
    const fromStart = recorder();
    const resumed = recorder();
    const other = recorder();
    feed.subscribe(cartA, 0, fromStart.listener);
    feed.subscribe(cartA, 2, resumed.listener);
    const stopOther = feed.subscribe(cartB, 0, other.listener);

    // A batch of 3 rows: the rest comes on the next poll.
    expect(await feed.poll()).toBe(3);
    expect(await feed.poll()).toBe(1);
    expect(await feed.poll()).toBe(0);
    expect(fromStart.events.map((event) => event.sequence)).toEqual(['0000000001', '0000000002', '0000000003']);
    expect(resumed.events.map((event) => event.sequence)).toEqual(['0000000003']);
    expect(other.events.map((event) => [event.subject, event.type])).toEqual([[cartB, 'cart.created']]);

    stopOther();
    await insertCartEvents(test.database, [
      cartEventRecord('cart.deleted', { cartId: cartA, sequence: 4 }),
      cartEventRecord('cart.deleted', { cartId: cartB, sequence: 2 }),
    ]);
    expect(await feed.poll()).toBe(1);
    expect(fromStart.events.at(-1)?.type).toBe('cart.deleted');
    expect(other.events).toHaveLength(1);
    feed.close();
  });

  it('ends every listener when closed and refuses new ones', async () => {
    const feed = new CartEventFeed(test.database, { pollIntervalMs: 60_000 });
    const listening = recorder();
    feed.subscribe(cartA, 0, listening.listener);
    expect(feed.size).toBe(1);
    feed.close();
    expect(listening.closed()).toBe(1);
    expect(feed.size).toBe(0);
    expect(() => feed.subscribe(cartA, 0, recorder().listener)).toThrow(CartEventFeedClosedError);
  });

  it('polls on its own while someone listens', async () => {
    const feed = new CartEventFeed(test.database, { pollIntervalMs: 20 });
    const listening = recorder();
    const stop = feed.subscribe(cartB, 2, listening.listener);
    await insertCartEvents(test.database, [cartEventRecord('cart.item_added', { cartId: cartB, sequence: 3 })]);
    const deadline = Date.now() + 5_000;
    while (listening.events.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listening.events.map((event) => event.sequence)).toEqual(['0000000003']);
    stop();
    expect(feed.size).toBe(0);
  });
}

describe('CartEventFeed on PGlite', () => feedSuite('pglite'));

if (postgresAvailable()) describe('CartEventFeed on PostgreSQL', () => feedSuite('postgres'));
else describe.skip('CartEventFeed on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => it.todo('needs PostgreSQL'));

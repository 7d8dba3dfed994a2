import { ValidationError } from '@carteria/kernel';
import type { Database, DatabaseEngine } from '@carteria/db';
import { createTestDatabase, postgresAvailable } from '@carteria/testing';
import type { TestDatabase } from '@carteria/testing';
import { toCloudEvent } from '../events/cloud-event.ts';
import { cartEventRecord, insertCartEvents } from '../testing/sample-cart-events.ts';
import { CartHistory } from './cart-history.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const otherCart = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a22';

function historySuite(engine: DatabaseEngine): void {
  let test: TestDatabase;
  let database: Database;
  let history: CartHistory;
  const rows = [
    cartEventRecord('cart.created', { cartId, sequence: 1 }),
    cartEventRecord('cart.item_added', { cartId, sequence: 2 }),
    cartEventRecord('cart.item_removed', { cartId, sequence: 3 }),
    cartEventRecord('cart.deleted', { cartId, sequence: 4 }),
  ];

  beforeAll(async () => {
    test = await createTestDatabase({ engine });
    database = test.database;
    history = new CartHistory(database);
    // Written out of order, and another cart's events beside them.
    await insertCartEvents(database, [rows[2]!, rows[0]!, cartEventRecord('cart.created', { cartId: otherCart, sequence: 1 }), rows[3]!, rows[1]!]);
  });
  afterAll(() => test.dispose());

  it("lists a cart's events as CloudEvents, oldest first, published or not", async () => {
    const page = await history.listEvents(cartId, { limit: 10 });
    expect(page.items).toEqual(rows.map(toCloudEvent));
    expect(page.nextAfterSequence).toBeNull();
  });

  it('pages with limit and afterSequence', async () => {
    const first = await history.listEvents(cartId, { limit: 3 });
    expect(first.items.map((event) => event.sequence)).toEqual(['0000000001', '0000000002', '0000000003']);
    expect(first.nextAfterSequence).toBe(3);
    const second = await history.listEvents(cartId, { limit: 3, afterSequence: 3 });
    expect(second.items.map((event) => event.type)).toEqual(['cart.deleted']);
    expect(second.nextAfterSequence).toBeNull();
    const exact = await history.listEvents(cartId, { limit: 4 });
    expect(exact.nextAfterSequence).toBeNull();
  });

  it('gives an empty page for a cart with no events, or an id that is not a UUID', async () => {
    expect(await history.listEvents('0193a0c4-6b1e-7c2a-9f00-000000000000', { limit: 5 })).toEqual({ items: [], nextAfterSequence: null });
    expect(await history.listEvents('nope', { limit: 5 })).toEqual({ items: [], nextAfterSequence: null });
  });

  it('refuses a limit out of 1..1000 and a negative or fractional cursor', async () => {
    for (const limit of [0, 1001, 2.5]) await expect(history.listEvents(cartId, { limit })).rejects.toBeInstanceOf(ValidationError);
    for (const afterSequence of [-1, 1.5]) {
      await expect(history.listEvents(cartId, { limit: 5, afterSequence })).rejects.toBeInstanceOf(ValidationError);
    }
  });
}

describe('CartHistory on PGlite', () => historySuite('pglite'));

if (postgresAvailable()) describe('CartHistory on PostgreSQL', () => historySuite('postgres'));
else describe.skip('CartHistory on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => it.todo('needs PostgreSQL'));

import { randomUUID } from 'node:crypto';
import { customerWithCart, newCustomer, type ApiResponse } from './support/api-client.ts';
import { expectCartUnchanged } from './support/cart.assertions.ts';
import { sellableIds } from './support/catalog.data.ts';
import { checkOut } from './support/checkout.data.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report, timed } from './support/timing.ts';

const [sku, other] = sellableIds(2) as [string, string];
const unknownSku = 'sku-999';
const newKey = (): string => `e2e-${randomUUID()}`;
const withKey = (key: string): Record<string, string> => ({ 'idempotency-key': key });
const replayed = (response: ApiResponse): string | null => response.headers.get('idempotent-replayed');

/** The replay is the first answer again: status, body bytes and the headers that describe them. */
function expectSameAnswer(replay: ApiResponse, first: ApiResponse): void {
  const described = (response: ApiResponse) => ({
    status: response.status,
    text: response.text,
    ...Object.fromEntries(['etag', 'location', 'content-type', 'content-length'].map((name) => [name, response.headers.get(name)])),
  });
  expect(described(replay)).toStrictEqual(described(first));
  expect(replayed(first)).toBeNull();
  expect(replayed(replay)).toBe('true');
}

describe.each(backends())('Idempotency-Key on POST ($name)', (backend: Backend) => {
  it('a retry with the same key and body replays the first answer byte for byte with Idempotent-Replayed: true', async () => {
    const { client, cart } = await customerWithCart(backend);
    const key = newKey();

    const first = await client.addItem(cart.id, sku, 2, withKey(key));
    const retry = await client.addItem(cart.id, sku, 2, withKey(key));
    const reordered = await client.request('POST', `/v1/carts/${cart.id}/items`, {
      body: JSON.stringify({ quantity: 2, productId: sku }),
      headers: { 'content-type': 'application/json', ...withKey(key) },
    });

    expect(first.status).toBe(200);
    expectSameAnswer(retry, first);
    expectSameAnswer(reordered, first);
    await expectCartUnchanged(client, first.body);
  });

  it('the replay is the stored first answer, even after the cart changed since', async () => {
    const { client, cart } = await customerWithCart(backend);
    const key = newKey();
    const first = await client.addItem(cart.id, sku, 1, withKey(key));
    const later = await client.addItem(cart.id, other, 1);

    const retry = await client.addItem(cart.id, sku, 1, withKey(key));

    expectSameAnswer(retry, first);
    expect(retry.body.version).toBe(2);
    await expectCartUnchanged(client, later.body);
  });

  it('the same key with another body or on another path gets 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const { client, cart } = await customerWithCart(backend);
    const second = (await client.createCart()).body;
    const key = newKey();
    const first = await client.addItem(cart.id, sku, 2, withKey(key));

    expectProblem(await client.addItem(cart.id, sku, 3, withKey(key)), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await client.addItem(cart.id, other, 2, withKey(key)), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await client.addItem(second.id, sku, 2, withKey(key)), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await client.createCart(undefined, withKey(key)), 422, 'IDEMPOTENCY_KEY_REUSED');

    await expectCartUnchanged(client, first.body);
    await expectCartUnchanged(client, second);
    expectSameAnswer(await client.addItem(cart.id, sku, 2, withKey(key)), first);
  });

  it('20 concurrent duplicates of an add with one key: exactly one change; the others replay it (200) or are told it is in use (409)', async () => {
    const { client, cart } = await customerWithCart(backend);
    const key = newKey();

    const { result: responses, ms } = await timed(() =>
      Promise.all(Array.from({ length: 20 }, () => client.addItem(cart.id, sku, 3, withKey(key)))),
    );

    const fresh = responses.filter((response) => response.status === 200 && replayed(response) === null);
    const replays = responses.filter((response) => response.status === 200 && replayed(response) === 'true');
    const inUse = responses.filter((response) => response.status === 409);
    report(
      'idempotency',
      `${backend.name}: 20 concurrent duplicates of one add: ${fresh.length} ran, ${replays.length} replayed (200), ` +
        `${inUse.length} in use (409), ${20 - fresh.length - replays.length - inUse.length} other, ${ms} ms`,
    );
    expect(responses.map((response) => response.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(fresh).toHaveLength(1);
    for (const replay of replays) expect(replay.text).toBe(fresh[0]?.text);
    for (const refused of inUse) expectProblem(refused, 409, 'IDEMPOTENCY_KEY_IN_USE');
    // The embedded database runs one transaction at a time: a duplicate always finds the first finished.
    if (backend.name === 'embedded') expect(inUse).toHaveLength(0);
    const read = await client.getCart(cart.id);
    expect({ version: read.body.version, items: read.body.items.map(({ productId, quantity }) => ({ productId, quantity })) }).toStrictEqual({
      version: 2,
      items: [{ productId: sku, quantity: 3 }],
    });
    if (fresh[0]) expectSameAnswer(await client.addItem(cart.id, sku, 3, withKey(key)), fresh[0]);
  });

  it('creating a cart twice with one key gives one cart: the second 201 replays the same id and Location', async () => {
    const { client, userId } = await newCustomer(backend);
    const key = newKey();

    const first = await client.createCart({ currency: 'EUR' }, withKey(key));
    const retry = await client.createCart({ currency: 'EUR' }, withKey(key));

    expect(first.status).toBe(201);
    expectSameAnswer(retry, first);
    expect(retry.headers.get('location')).toBe(`/v1/carts/${first.body.id}`);
    expect((await client.listCarts(userId)).body.items.map((cart) => cart.id)).toEqual([first.body.id]);
  });

  it("keys are scoped per caller: another user's same key and body creates that user's own cart", async () => {
    const [alice, bob] = await Promise.all([newCustomer(backend), newCustomer(backend)]);
    const key = newKey();

    const [forAlice, forBob] = [await alice.client.createCart(undefined, withKey(key)), await bob.client.createCart(undefined, withKey(key))];

    expect([forAlice.status, forBob.status]).toEqual([201, 201]);
    expect([replayed(forAlice), replayed(forBob)]).toEqual([null, null]);
    expect(forBob.body.id).not.toBe(forAlice.body.id);
    expect([forAlice.body.ownerId, forBob.body.ownerId]).toEqual([alice.userId, bob.userId]);
    expect((await alice.client.listCarts(alice.userId)).body.items.map((cart) => cart.id)).toEqual([forAlice.body.id]);
    expect((await bob.client.listCarts(bob.userId)).body.items.map((cart) => cart.id)).toEqual([forBob.body.id]);
  });

  it.each([
    ['empty', ''],
    ['256 characters long', 'k'.repeat(256)],
    ['with a space inside', 'two words'],
    ['with a tab inside', 'tab\tinside'],
    ['with a non-ASCII character', 'cl\u00e9'],
  ])('a key that is %s gets 400 VALIDATION_FAILED and nothing is created', async (_name, key) => {
    const { client, userId } = await newCustomer(backend);

    const problem = expectProblem(await client.createCart(undefined, withKey(key)), 400, 'VALIDATION_FAILED');

    expect(problem.errors?.map((error) => error.pointer)).toEqual(['/header/idempotency-key']);
    expect((await client.listCarts(userId)).body.items).toEqual([]);
  });

  it('a key of 255 visible ASCII characters is accepted', async () => {
    const { client } = await newCustomer(backend);
    const key = `${randomUUID()}${'!~'.repeat(120)}`.slice(0, 255);

    const first = await client.createCart(undefined, withKey(key));

    expect([key.length, first.status]).toEqual([255, 201]);
    expectSameAnswer(await client.createCart(undefined, withKey(key)), first);
  });

  it('a failed request is not stored: a retry with the same key fails afresh, and the key stays free for a good request', async () => {
    const { client, cart } = await customerWithCart(backend);
    const key = newKey();

    const failed = await client.addItem(cart.id, unknownSku, 1, withKey(key));
    const retried = await client.addItem(cart.id, unknownSku, 1, withKey(key));

    expectProblem(failed, 422, 'PRODUCT_NOT_FOUND');
    expectProblem(retried, 422, 'PRODUCT_NOT_FOUND');
    expect([replayed(failed), replayed(retried)]).toEqual([null, null]);
    await expectCartUnchanged(client, cart);
    const good = await client.addItem(cart.id, sku, 1, withKey(key));
    expect([good.status, replayed(good), good.body.version]).toEqual([200, null, 2]);
    expectSameAnswer(await client.addItem(cart.id, sku, 1, withKey(key)), good);
  });

  it('a checkout with a key replays the same checkout; the cart is frozen once', async () => {
    const { client, cart } = await customerWithCart(backend);
    const confirmed = (await client.addItem(cart.id, sku, 2)).body;
    const key = newKey();

    const first = await checkOut(client, cart.id, confirmed.version, withKey(key));
    const retry = await checkOut(client, cart.id, confirmed.version, withKey(key));

    expect(first.status).toBe(200);
    expectSameAnswer(retry, first);
    expect((await client.getCart(cart.id)).body).toEqual(expect.objectContaining({ status: 'checked_out', version: confirmed.version + 1 }));
  });
});

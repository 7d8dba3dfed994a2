import { customerWithCart, type ApiResponse } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

/** Fires every request at once, waits for all, and prints the figures for the lead to quote. */
async function burst<T>(backend: Backend, label: string, requests: (() => Promise<ApiResponse<T>>)[]) {
  const started = performance.now();
  const responses = await Promise.all(requests.map((request) => request()));
  const elapsedMs = Math.round(performance.now() - started);
  const ok = responses.filter((response) => response.status === 200).length;
  console.log(
    `[api-e2e concurrency] ${backend.name}: ${label}: ${requests.length} requests, ${ok} x 200, ` +
      `${requests.length - ok} refused, ${elapsedMs} ms`,
  );
  return responses;
}

/** 120 distinct real products (active, priced in EUR, in stock): the api refuses made-up ids. */
const products = sellableIds(120);
const productAt = (i: number): string => products[i] ?? '';

const statuses = (responses: readonly ApiResponse[]) => responses.map((response) => response.status);
const count = (responses: readonly ApiResponse[], status: number) => statuses(responses).filter((s) => s === status).length;

/** Each successful change saw its own version: together they are exactly from+1 .. from+n. */
function expectConsecutiveVersions(responses: readonly ApiResponse<CartBody>[], from: number): void {
  const versions = responses.filter((response) => response.status === 200).map((response) => response.body.version);
  expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: versions.length }, (_, i) => from + 1 + i));
}

describe.each(backends())('concurrent writes ($name)', (backend) => {
  it('50 parallel adds of one product make one line with the exact sum, version 1 + 50', async () => {
    const { client, cart } = await customerWithCart(backend);
    const same = productAt(0);
    const requests = Array.from({ length: 50 }, (_, i) => () => client.addItem(cart.id, same, (i % 5) + 1));

    const responses = await burst(backend, '50 adds of the same product', requests);

    expect(statuses(responses)).toEqual(Array(50).fill(200));
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body.version).toBe(51);
    expect(read.body.items).toEqual([expect.objectContaining({ productId: same, quantity: 150 })]);
  });

  it('50 parallel adds of distinct products make 50 lines, none doubled or lost', async () => {
    const { client, cart } = await customerWithCart(backend);
    const distinct = products.slice(0, 50);

    const responses = await burst(backend, '50 adds of distinct products', distinct.map((p) => () => client.addItem(cart.id, p, 1)));

    expect(statuses(responses)).toEqual(Array(50).fill(200));
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body.version).toBe(51);
    expect(read.body.totals).toEqual(expect.objectContaining({ lines: 50, quantity: 50 }));
    expect(read.body.items.map((item) => item.productId).sort()).toEqual([...distinct].sort());
    // Lines keep the order in which each add was applied, which is the order of the versions.
    const appliedOrder = [...responses]
      .sort((a, b) => a.body.version - b.body.version)
      .map((response) => response.body.items.at(-1)?.productId);
    expect(read.body.items.map((item) => item.productId)).toEqual(appliedOrder);
  });

  it('120 parallel adds of distinct products: exactly 100 succeed, 20 get 422, the cart has 100 lines', async () => {
    const { client, cart } = await customerWithCart(backend);
    const requests = products.map((productId) => () => client.addItem(cart.id, productId, 1));

    const responses = await burst(backend, '120 adds against the 100-line limit', requests);

    expect(count(responses, 200)).toBe(100);
    expect(count(responses, 422)).toBe(20);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expectProblem(refused, 422, 'LINE_LIMIT_EXCEEDED');
    }
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body).toEqual(expect.objectContaining({ version: 101, totals: expect.objectContaining({ lines: 100, quantity: 100 }) }));
    expect(new Set(read.body.items.map((item) => item.productId)).size).toBe(100);
  });

  it('50 parallel If-Match writes with the same version: exactly one 200, the rest 412', async () => {
    const { client, cart } = await customerWithCart(backend);
    const requests = products.slice(0, 50).map((productId) => () => client.addItem(cart.id, productId, 1, { 'if-match': '"1"' }));

    const responses = await burst(backend, '50 If-Match "1" writes', requests);

    expect(count(responses, 200)).toBe(1);
    expect(count(responses, 412)).toBe(49);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expectProblem(refused, 412, 'CART_VERSION_MISMATCH');
    }
    const winner = responses.find((response) => response.status === 200);
    const read = await client.getCart(cart.id);
    expect(read.body).toStrictEqual(winner?.body);
    expect(read.body.version).toBe(2);
  });

  it('mixed parallel set, remove and add keep version == 1 + the number of successful changes', async () => {
    const { client, cart } = await customerWithCart(backend);
    const [grow, setMe, dropMe] = [productAt(0), productAt(1), productAt(2)];
    const createdBySet = products.slice(3, 13);
    const added = products.slice(13, 18);
    for (const productId of [grow, setMe, dropMe]) await client.addItem(cart.id, productId, 1);
    const before = 4;
    const requests = [
      ...Array.from({ length: 20 }, () => () => client.addItem(cart.id, grow, 1)),
      // Every set names a quantity no other request sets, so none of them is a no-op.
      ...Array.from({ length: 10 }, (_, i) => () => client.setQuantity(cart.id, setMe, 10 + i)),
      ...createdBySet.map((productId) => () => client.setQuantity(cart.id, productId, 2)),
      ...Array.from({ length: 5 }, () => () => client.removeItem(cart.id, dropMe)),
      ...added.map((productId) => () => client.addItem(cart.id, productId, 3)),
    ];

    const responses = await burst(backend, '50 mixed set/remove/add', requests);

    const succeeded = count(responses, 200);
    expect(succeeded + count(responses, 404)).toBe(50);
    expect(count(responses, 404)).toBe(4);
    for (const missing of responses.filter((response) => response.status === 404)) {
      expectProblem(missing, 404, 'LINE_NOT_FOUND');
    }
    expectConsecutiveVersions(responses, before);
    const read = await client.getCart(cart.id);
    expect(read.body.version).toBe(before + succeeded);
    const lines = new Map(read.body.items.map((item) => [item.productId, item.quantity]));
    expect(lines.get(grow)).toBe(21);
    expect(lines.has(dropMe)).toBe(false);
    const lastSet = responses
      .slice(20, 30)
      .reduce((latest, response) => (response.body.version > latest.body.version ? response : latest));
    expect(lines.get(setMe)).toBe(lastSet.body.items.find((item) => item.productId === setMe)?.quantity);
    expect(read.body.totals).toEqual(
      expect.objectContaining({ lines: 17, quantity: 21 + (lines.get(setMe) ?? NaN) + 10 * 2 + 5 * 3 }),
    );
  });
});

import { customerWithCart, type ApiResponse } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
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
    const requests = Array.from({ length: 50 }, (_, i) => () => client.addItem(cart.id, 'same-sku', (i % 5) + 1));

    const responses = await burst(backend, '50 adds of the same product', requests);

    expect(statuses(responses)).toEqual(Array(50).fill(200));
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body.version).toBe(51);
    expect(read.body.items).toEqual([expect.objectContaining({ productId: 'same-sku', quantity: 150 })]);
  });

  it('50 parallel adds of distinct products make 50 lines, none doubled or lost', async () => {
    const { client, cart } = await customerWithCart(backend);
    const products = Array.from({ length: 50 }, (_, i) => `distinct-${i}`);

    const responses = await burst(backend, '50 adds of distinct products', products.map((p) => () => client.addItem(cart.id, p, 1)));

    expect(statuses(responses)).toEqual(Array(50).fill(200));
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body.version).toBe(51);
    expect(read.body.totals).toEqual({ lines: 50, quantity: 50 });
    expect(read.body.items.map((item) => item.productId).sort()).toEqual([...products].sort());
    // Lines keep the order in which each add was applied, which is the order of the versions.
    const appliedOrder = [...responses]
      .sort((a, b) => a.body.version - b.body.version)
      .map((response) => response.body.items.at(-1)?.productId);
    expect(read.body.items.map((item) => item.productId)).toEqual(appliedOrder);
  });

  it('120 parallel adds of distinct products: exactly 100 succeed, 20 get 422, the cart has 100 lines', async () => {
    const { client, cart } = await customerWithCart(backend);
    const requests = Array.from({ length: 120 }, (_, i) => () => client.addItem(cart.id, `limit-${i}`, 1));

    const responses = await burst(backend, '120 adds against the 100-line limit', requests);

    expect(count(responses, 200)).toBe(100);
    expect(count(responses, 422)).toBe(20);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expectProblem(refused, 422, 'LINE_LIMIT_EXCEEDED');
    }
    expectConsecutiveVersions(responses, 1);
    const read = await client.getCart(cart.id);
    expect(read.body).toEqual(expect.objectContaining({ version: 101, totals: { lines: 100, quantity: 100 } }));
    expect(new Set(read.body.items.map((item) => item.productId)).size).toBe(100);
  });

  it('50 parallel If-Match writes with the same version: exactly one 200, the rest 412', async () => {
    const { client, cart } = await customerWithCart(backend);
    const requests = Array.from({ length: 50 }, (_, i) => () => client.addItem(cart.id, `race-${i}`, 1, { 'if-match': '"1"' }));

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
    for (const productId of ['grow', 'setme', 'dropme']) await client.addItem(cart.id, productId, 1);
    const before = 4;
    const requests = [
      ...Array.from({ length: 20 }, () => () => client.addItem(cart.id, 'grow', 1)),
      // Every set names a quantity no other request sets, so none of them is a no-op.
      ...Array.from({ length: 10 }, (_, i) => () => client.setQuantity(cart.id, 'setme', 10 + i)),
      ...Array.from({ length: 10 }, (_, i) => () => client.setQuantity(cart.id, `created-by-set-${i}`, 2)),
      ...Array.from({ length: 5 }, () => () => client.removeItem(cart.id, 'dropme')),
      ...Array.from({ length: 5 }, (_, i) => () => client.addItem(cart.id, `added-${i}`, 3)),
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
    expect(lines.get('grow')).toBe(21);
    expect(lines.has('dropme')).toBe(false);
    const lastSet = responses
      .slice(20, 30)
      .reduce((latest, response) => (response.body.version > latest.body.version ? response : latest));
    expect(lines.get('setme')).toBe(lastSet.body.items.find((item) => item.productId === 'setme')?.quantity);
    expect(read.body.totals).toEqual({ lines: 17, quantity: 21 + (lines.get('setme') ?? NaN) + 10 * 2 + 5 * 3 });
  });
});

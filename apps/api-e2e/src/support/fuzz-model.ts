import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describeExchange, exchangeFailures, type Exchange, type RawHttp, type RawRequest } from './fuzz-http.ts';
import type { ContractDocument } from './openapi-contract.ts';

/** What the shopper believes about one of its carts. */
interface ModelCart {
  readonly id: string;
  version: number;
  status: 'active' | 'checked_out' | 'deleted';
  lines: Map<string, number>;
}

export interface CartModel {
  readonly carts: ModelCart[];
  /** The last POST sent with an Idempotency-Key that succeeded (so was stored), to replay. */
  keyed?: Exchange;
}

/** The api, as one signed-in shopper sees it. */
export interface CartSystem {
  readonly http: RawHttp;
  readonly document: ContractDocument;
  readonly authorization: string;
}

type Precondition = 'none' | 'current' | 'stale';
const maxPerLine = 999;

interface Expectation {
  readonly status: number;
  /** The lines and version of the cart after a 2xx, when they are known. */
  readonly lines?: Map<string, number>;
  readonly version?: number;
}

async function exchange(system: CartSystem, request: RawRequest): Promise<Exchange> {
  const sent = await system.http.send({ ...request, headers: { authorization: system.authorization, ...request.headers } });
  const failures = exchangeFailures(system.document, sent);
  if (failures.length > 0) throw new Error(describeExchange(sent, failures));
  return sent;
}

function expect(sent: Exchange, expected: Expectation): void {
  const failures: string[] = [];
  if (sent.response.status !== expected.status) failures.push(`expected ${expected.status}`);
  if (failures.length === 0 && expected.lines) {
    const cart = JSON.parse(sent.response.text) as { version: number; items: { productId: string; quantity: number }[] };
    const lines = Object.fromEntries(cart.items.map((item) => [item.productId, item.quantity]));
    if (JSON.stringify(lines) !== JSON.stringify(Object.fromEntries(expected.lines))) failures.push(`expected lines ${JSON.stringify(Object.fromEntries(expected.lines))}`);
    if (expected.version !== undefined && cart.version !== expected.version) failures.push(`expected version ${expected.version}`);
  }
  if (failures.length > 0) throw new Error(describeExchange(sent, failures));
}

function ifMatch(cart: ModelCart, precondition: Precondition): Record<string, string> {
  if (precondition === 'none') return {};
  return { 'if-match': `"${precondition === 'current' ? cart.version : cart.version + 7}"` };
}

function sameLines(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, quantity]) => b.get(id) === quantity);
}

/**
 * The answer a change to `cart` must get, in the order the service checks: the cart exists, the
 * version matches, it is active, the rule holds; a change that changes nothing keeps the version.
 */
function changeOutcome(cart: ModelCart, precondition: Precondition, next: Map<string, number> | 'LINE_NOT_FOUND' | 'LIMIT'): Expectation {
  if (cart.status === 'deleted') return { status: 404 };
  if (precondition === 'stale') return { status: 412 };
  if (cart.status === 'checked_out') return { status: 409 };
  if (next === 'LINE_NOT_FOUND') return { status: 404 };
  if (next === 'LIMIT') return { status: 422 };
  return { status: 200, lines: next, version: sameLines(next, cart.lines) ? cart.version : cart.version + 1 };
}

function adopt(cart: ModelCart, expected: Expectation): void {
  if (expected.status !== 200 || !expected.lines || expected.version === undefined) return;
  cart.lines = expected.lines;
  cart.version = expected.version;
}

const pick = fc.nat();
const precondition = fc.constantFrom<Precondition>('none', 'current', 'current', 'stale');
const keyed = fc.boolean();
type Command = fc.AsyncCommand<CartModel, CartSystem>;

function cartAt(model: Readonly<CartModel>, index: number): ModelCart {
  return model.carts[index % model.carts.length] as ModelCart;
}

const hasCart = (model: Readonly<CartModel>) => model.carts.length > 0;

/** Every cart operation as a command; `products` are sellable (active, priced, in stock). */
export function cartCommands(products: readonly string[]): fc.Arbitrary<Iterable<Command>> {
  const product = fc.constantFrom(...products);
  const quantity = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 5 }) }, fc.constant(1000));

  const create = fc.constant<Command>({
    check: () => true,
    toString: () => 'create',
    async run(model, system) {
      await createCart(model, system);
    },
  });

  const add = fc.record({ index: pick, product, quantity, precondition, keyed }).map(
    ({ index, product: id, quantity: units, precondition: pre, keyed: withKey }): Command => ({
      check: hasCart,
      toString: () => `add(${index}, ${id}, ${units}, ${pre}${withKey ? ', key' : ''})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const total = (cart.lines.get(id) ?? 0) + units;
        const expected = changeOutcome(cart, pre, total > maxPerLine ? 'LIMIT' : new Map([...cart.lines, [id, total]]));
        const request = {
          method: 'POST',
          path: `/v1/carts/${cart.id}/items`,
          headers: { 'content-type': 'application/json', ...ifMatch(cart, pre), ...(withKey ? { 'idempotency-key': randomUUID() } : {}) },
          body: JSON.stringify({ productId: id, quantity: units }),
        };
        const sent = await exchange(system, request);
        expect(sent, expected);
        adopt(cart, expected);
        if (withKey && sent.response.status < 300) model.keyed = sent;
      },
    }),
  );

  const set = fc.record({ index: pick, product, quantity: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(1000)), precondition }).map(
    ({ index, product: id, quantity: units, precondition: pre }): Command => ({
      check: hasCart,
      toString: () => `set(${index}, ${id}, ${units}, ${pre})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const next = new Map(cart.lines);
        if (units === 0) next.delete(id);
        else next.set(id, units);
        const expected = changeOutcome(cart, pre, units > maxPerLine ? 'LIMIT' : next);
        const headers = { 'content-type': 'application/json', ...ifMatch(cart, pre) };
        const sent = await exchange(system, { method: 'PUT', path: `/v1/carts/${cart.id}/items/${id}`, headers, body: JSON.stringify({ quantity: units }) });
        expect(sent, expected);
        adopt(cart, expected);
      },
    }),
  );

  const remove = fc.record({ index: pick, product, precondition }).map(
    ({ index, product: id, precondition: pre }): Command => ({
      check: hasCart,
      toString: () => `remove(${index}, ${id}, ${pre})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const next = new Map(cart.lines);
        const expected = changeOutcome(cart, pre, next.delete(id) ? next : 'LINE_NOT_FOUND');
        const sent = await exchange(system, { method: 'DELETE', path: `/v1/carts/${cart.id}/items/${id}`, headers: ifMatch(cart, pre) });
        expect(sent, expected);
        adopt(cart, expected);
      },
    }),
  );

  const empty = fc.record({ index: pick, precondition }).map(
    ({ index, precondition: pre }): Command => ({
      check: hasCart,
      toString: () => `empty(${index}, ${pre})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const expected = changeOutcome(cart, pre, new Map());
        const sent = await exchange(system, { method: 'DELETE', path: `/v1/carts/${cart.id}/items`, headers: ifMatch(cart, pre) });
        expect(sent, expected);
        adopt(cart, expected);
      },
    }),
  );

  const checkout = fc.record({ index: pick, precondition, keyed }).map(
    ({ index, precondition: pre, keyed: withKey }): Command => ({
      check: hasCart,
      toString: () => `checkout(${index}, ${pre}${withKey ? ', key' : ''})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const headers = { ...ifMatch(cart, pre), ...(withKey ? { 'idempotency-key': randomUUID() } : {}) };
        const sent = await exchange(system, { method: 'POST', path: `/v1/carts/${cart.id}/checkout`, headers });
        expect(sent, { status: checkoutStatus(cart, pre) });
        if (sent.response.status === 200 && cart.status === 'active') {
          cart.status = 'checked_out';
          cart.version += 1;
        }
        if (withKey && sent.response.status < 300) model.keyed = sent;
      },
    }),
  );

  const removeCart = fc.record({ index: pick, precondition }).map(
    ({ index, precondition: pre }): Command => ({
      check: hasCart,
      toString: () => `delete(${index}, ${pre})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const status = cart.status === 'deleted' ? 404 : pre === 'stale' ? 412 : 204;
        const sent = await exchange(system, { method: 'DELETE', path: `/v1/carts/${cart.id}`, headers: ifMatch(cart, pre) });
        expect(sent, { status });
        if (status === 204) cart.status = 'deleted';
      },
    }),
  );

  const read = fc.record({ index: pick, cached: fc.boolean() }).map(
    ({ index, cached }): Command => ({
      check: hasCart,
      toString: () => `get(${index}${cached ? ', if-none-match' : ''})`,
      async run(model, system) {
        const cart = cartAt(model, index);
        const sent = await exchange(system, { method: 'GET', path: `/v1/carts/${cart.id}`, headers: cached ? { 'if-none-match': `"${cart.version}"` } : {} });
        if (cart.status === 'deleted') expect(sent, { status: 404 });
        else if (cached) expect(sent, { status: 304 });
        else expect(sent, { status: 200, lines: cart.lines, version: cart.version });
      },
    }),
  );

  const replay = fc.constant<Command>({
    check: (model) => model.keyed !== undefined,
    toString: () => 'replay',
    async run(model, system) {
      const first = model.keyed as Exchange;
      const again = await exchange(system, first.request);
      const same = again.response.status === first.response.status && again.response.text === first.response.text;
      const replayed = again.response.headers.get('idempotent-replayed') === 'true';
      if (!same || !replayed) throw new Error(describeExchange(again, [`a replay must repeat ${first.response.status} ${first.response.text.slice(0, 200)} with Idempotent-Replayed`]));
    },
  });

  return fc.commands([create, add, add, set, remove, empty, checkout, removeCart, read, replay], { maxCommands: 30, size: 'medium' });
}

/** POST /v1/carts: a new, empty cart the model now knows. */
export async function createCart(model: CartModel, system: CartSystem): Promise<void> {
  const sent = await exchange(system, { method: 'POST', path: '/v1/carts', headers: {} });
  expect(sent, { status: 201, lines: new Map(), version: 1 });
  model.carts.push({ id: (JSON.parse(sent.response.text) as { id: string }).id, version: 1, status: 'active', lines: new Map() });
}

/** Checkout: If-Match first (428), then the cart (404), a frozen cart answers its own retry. */
function checkoutStatus(cart: ModelCart, pre: Precondition): number {
  if (pre === 'none') return 428;
  if (cart.status === 'deleted') return 404;
  if (pre === 'stale') return 412;
  if (cart.status === 'checked_out') return 200;
  return cart.lines.size === 0 ? 422 : 200;
}

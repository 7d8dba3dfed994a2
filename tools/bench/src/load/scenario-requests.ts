import { cartId } from './cart-ids.ts';

export const scenarioNames = ['get', 'add', 'set', 'mix'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export const scenarioTitles: Readonly<Record<ScenarioName, string>> = {
  get: 'GET cart (5 lines)',
  add: 'add item',
  set: 'set quantity',
  mix: 'shop mix (3 reads : 2 writes)',
};

/** Which seeded carts a load run uses: ids `cartId(prefix, 1..count)`, each holding `products`, each its own shopper's. */
export interface CartSet {
  readonly prefix: number;
  readonly count: number;
  readonly products: readonly string[];
}

export interface BenchRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** The mix's repeating pattern: 3 reads, an add and a quantity change. */
const mixPattern: readonly ('get' | 'add' | 'set')[] = ['get', 'add', 'get', 'set', 'get'];

/**
 * The request stream of a scenario, one call per request. Reads go round the carts; writes go round
 * the (cart, line) pairs, so concurrent writes almost never wait on one cart's lock. An add grows a
 * line by one (carts keep their lines, so reads stay comparable); a quantity change toggles a line
 * between 2 and 1, so each one is a real change. Every add carries a new Idempotency-Key, as a
 * careful shop client sends it. `tokens[i]` is the token of the owner of cart i + 1.
 */
export function scenarioRequests(scenario: ScenarioName, carts: CartSet, tokens: readonly string[], runId: string): () => BenchRequest {
  const auth = (index: number) => ({ authorization: `Bearer ${tokens[index] ?? ''}` });
  const json = (index: number) => ({ ...auth(index), 'content-type': 'application/json' });
  const pairs = carts.count * carts.products.length;
  const counters = { get: 0, add: 0, set: 0, mix: 0 };
  const pair = (n: number) => ({
    index: n % carts.count,
    product: carts.products[Math.floor(n / carts.count) % carts.products.length] ?? '',
  });
  const cart = (index: number) => cartId(carts.prefix, index + 1);
  const next: Record<'get' | 'add' | 'set', () => BenchRequest> = {
    get: () => {
      const index = counters.get++ % carts.count;
      return { method: 'GET', path: `/v1/carts/${cart(index)}`, headers: auth(index) };
    },
    add: () => {
      const n = counters.add++;
      const { index, product } = pair(n);
      return {
        method: 'POST',
        path: `/v1/carts/${cart(index)}/items`,
        headers: { ...json(index), 'idempotency-key': `${runId}-${n}` },
        body: JSON.stringify({ productId: product, quantity: 1 }),
      };
    },
    set: () => {
      const n = counters.set++;
      const { index, product } = pair(n);
      const quantity = Math.floor(n / pairs) % 2 === 0 ? 2 : 1;
      return { method: 'PUT', path: `/v1/carts/${cart(index)}/items/${product}`, headers: json(index), body: JSON.stringify({ quantity }) };
    },
  };
  if (scenario !== 'mix') return next[scenario];
  return () => next[mixPattern[counters.mix++ % mixPattern.length] ?? 'get']();
}

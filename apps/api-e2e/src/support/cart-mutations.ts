import type { ApiClient, ApiResponse } from './api-client.ts';
import type { CartBody } from './api.types.ts';

/** One answered (or failed) mutation: which cart, what the api said, when the answer came. */
export interface Outcome {
  readonly cartId: string;
  readonly status: number;
  /** The cart version in a 2xx answer. */
  readonly version: number | undefined;
  /** performance.now() when the answer arrived. */
  readonly answeredAt: number;
  /** The request failed without an answer (connection reset: the api died). */
  readonly failed: boolean;
}

/**
 * A random mix on one cart over `products`: adds (1 to 3 units), sets (1 to 20 units, which may be a
 * no-op when the line already holds that), removes (404 when the line is absent) and adds of 1,000
 * units (always refused, 422: over the per-line limit).
 */
export function randomMutation(client: ApiClient, cartId: string, products: readonly string[], random: () => number) {
  const productId = products[Math.floor(random() * products.length)] ?? '';
  const roll = random();
  if (roll < 0.5) return () => client.addItem(cartId, productId, 1 + Math.floor(random() * 3));
  if (roll < 0.75) return () => client.setQuantity(cartId, productId, 1 + Math.floor(random() * 20));
  if (roll < 0.95) return () => client.removeItem(cartId, productId);
  return () => client.addItem(cartId, productId, 1_000);
}

export async function send(cartId: string, request: () => Promise<ApiResponse<CartBody>>): Promise<Outcome> {
  try {
    const response = await request();
    const ok = response.status >= 200 && response.status < 300;
    return { cartId, status: response.status, version: ok ? response.body.version : undefined, answeredAt: performance.now(), failed: false };
  } catch {
    return { cartId, status: 0, version: undefined, answeredAt: performance.now(), failed: true };
  }
}

/** Runs `tasks` with at most `lanes` in flight. */
export async function inLanes<T>(tasks: readonly (() => Promise<T>)[], lanes: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let index = next++; index < tasks.length; index = next++) results[index] = await (tasks[index] as () => Promise<T>)();
    }),
  );
  return results;
}

/** Per cart, the versions acknowledged by a 2xx (a no-op answers a version another answer made). */
export function acknowledgedVersions(outcomes: readonly Outcome[]): Map<string, Set<number>> {
  const byCart = new Map<string, Set<number>>();
  for (const outcome of outcomes) {
    if (outcome.version === undefined) continue;
    const versions = byCart.get(outcome.cartId) ?? new Set<number>();
    versions.add(outcome.version);
    byCart.set(outcome.cartId, versions);
  }
  return byCart;
}


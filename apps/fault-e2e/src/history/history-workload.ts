import { CartHttp, type HttpOutcome } from '../support/cart-http.ts';
import { seededRandom } from '@carteria/testing';
import type { CartEventRecord, FinalCart, OperationKind, OperationRecord } from './history.types.ts';

export interface HistoryWorkloadOptions {
  /** Where the api (or a load balancer in front of several) listens. */
  readonly baseUrl: string;
  /** A bearer token; its user owns every cart of the workload. */
  readonly token: string;
  /** How many operations to issue in all. */
  readonly operations: number;
  /** Concurrent clients. Default 20. */
  readonly clients?: number;
  /** Shared carts the clients write to. Default 5. */
  readonly carts?: number;
  /** The products the operations pick from (a few, so lines collide). */
  readonly productIds: readonly string[];
  /** Share of operations sent with If-Match (the version the client last saw). Default 0.3. */
  readonly ifMatchShare?: number;
  /** Per-request client timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Stops issuing new operations once it resolves (the ones in flight finish). */
  readonly until?: Promise<unknown>;
  /** A seed for the operation mix (which cart, operation, product). Default: random. */
  readonly seed?: number;
  /** Called after each operation with its record and how many are recorded so far. */
  readonly onOperation?: (record: OperationRecord, recorded: number) => void;
}

export interface HistoryRun {
  readonly seed: number;
  readonly cartIds: readonly string[];
  readonly records: readonly OperationRecord[];
  /** performance.now() when the first operation was sent: records' times count from here. */
  readonly startedAt: number;
  readonly elapsedMs: number;
}

/**
 * A cart for the run. Setup, not history: an answer that never came (a replica just killed by the
 * test before, a busy machine) is asked again, up to three times, so that the run tests what it
 * records.
 */
async function createCartForSetup(http: CartHttp): Promise<string> {
  let created = await http.createCart();
  for (let retry = 0; retry < 3 && (created.status === 0 || created.status === 502); retry++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    created = await http.createCart();
  }
  if (created.status !== 201) throw new Error(`creating a cart failed: ${created.status} ${created.failure ?? JSON.stringify(created.body)}`);
  return String((created.body as { id: string }).id);
}

/**
 * Creates the carts, then lets `clients` concurrent clients run random adds, sets, removes and
 * empties on them (some with If-Match), recording every request and its outcome.
 */
export async function runHistoryWorkload(options: HistoryWorkloadOptions): Promise<HistoryRun> {
  const http = new CartHttp({ baseUrl: options.baseUrl, token: options.token, timeoutMs: options.timeoutMs ?? 10_000 });
  const cartIds: string[] = [];
  for (let i = 0; i < (options.carts ?? 5); i++) cartIds.push(await createCartForSetup(http));
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const ifMatchShare = options.ifMatchShare ?? 0.3;
  const records: OperationRecord[] = [];
  let stopped = false;
  void options.until?.then(() => (stopped = true));
  let issued = 0;
  const began = performance.now();

  async function client(id: number): Promise<void> {
    const lastSeen = new Map<string, number>(cartIds.map((cartId) => [cartId, 1]));
    while (!stopped && issued < options.operations) {
      issued++;
      const cartId = pick(cartIds);
      const roll = random();
      const kind: OperationKind = roll < 0.4 ? 'add' : roll < 0.72 ? 'set' : roll < 0.95 ? 'remove' : 'empty';
      const productId = kind === 'empty' ? undefined : pick(options.productIds);
      const quantity = kind === 'add' ? 1 + Math.floor(random() * 3) : kind === 'set' ? Math.floor(random() * 6) : undefined;
      const ifMatch = random() < ifMatchShare ? lastSeen.get(cartId) : undefined;
      const startedMs = performance.now() - began;
      const outcome = await send(http, kind, cartId, productId, quantity, ifMatch);
      if (outcome.status === 200 && outcome.version !== undefined) lastSeen.set(cartId, outcome.version);
      const record: OperationRecord = {
        client: id,
        cartId,
        kind,
        ...(productId === undefined ? {} : { productId }),
        ...(quantity === undefined ? {} : { quantity }),
        ...(ifMatch === undefined ? {} : { ifMatch }),
        startedMs,
        endedMs: performance.now() - began,
        status: outcome.status,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
        ...(outcome.status === 200 && outcome.version !== undefined ? { version: outcome.version, lines: outcome.lines ?? [] } : {}),
        ...(outcome.status >= 500 ? serverFailure(outcome) : {}),
        ...(outcome.failure === undefined ? {} : { failure: outcome.failure }),
      };
      records.push(record);
      options.onOperation?.(record, records.length);
    }
  }

  await Promise.all(Array.from({ length: options.clients ?? 20 }, (_, i) => client(i)));
  return { seed, cartIds, records, startedAt: began, elapsedMs: performance.now() - began };
}

function serverFailure(outcome: HttpOutcome): Pick<OperationRecord, 'contentType' | 'retryAfter'> {
  const contentType = outcome.headers?.get('content-type') ?? undefined;
  const retryAfter = outcome.headers?.get('retry-after') ?? undefined;
  return { ...(contentType === undefined ? {} : { contentType }), ...(retryAfter === undefined ? {} : { retryAfter }) };
}

function send(
  http: CartHttp,
  kind: OperationKind,
  cartId: string,
  productId: string | undefined,
  quantity: number | undefined,
  ifMatch: number | undefined,
): Promise<HttpOutcome> {
  switch (kind) {
    case 'add':
      return http.addItem(cartId, productId ?? '', quantity ?? 1, ifMatch);
    case 'set':
      return http.setQuantity(cartId, productId ?? '', quantity ?? 0, ifMatch);
    case 'remove':
      return http.removeItem(cartId, productId ?? '', ifMatch);
    case 'empty':
      return http.emptyCart(cartId, ifMatch);
  }
}

/** Reads each cart and its whole event history (GET /v1/carts/{id}/events, page by page). */
export async function readFinalCarts(options: { baseUrl: string; token: string }, cartIds: readonly string[]): Promise<FinalCart[]> {
  const http = new CartHttp({ baseUrl: options.baseUrl, token: options.token, timeoutMs: 30_000 });
  const finals: FinalCart[] = [];
  for (const cartId of cartIds) {
    const cart = await expectOk(await http.getCart(cartId), `GET cart ${cartId}`);
    const events: CartEventRecord[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await expectOk(await http.send('GET', `/v1/carts/${cartId}/events?limit=100${query}`), `GET events of ${cartId}`);
      const body = page.body as { items: { sequence: string; type: string; data: Record<string, unknown> }[]; nextCursor: string | null };
      for (const item of body.items) events.push({ sequence: Number(item.sequence), type: item.type, data: item.data });
      cursor = body.nextCursor;
    } while (cursor !== null);
    finals.push({ cartId, version: cart.version ?? -1, lines: cart.lines ?? [], events });
  }
  return finals;
}

async function expectOk(outcome: HttpOutcome, what: string): Promise<HttpOutcome> {
  if (outcome.status !== 200) throw new Error(`${what}: ${outcome.status} ${JSON.stringify(outcome.body) ?? outcome.failure}`);
  return outcome;
}

import { randomUUID } from 'node:crypto';
import { apiUnderTest, sellableIds, signToken } from '../test/api-under-test.ts';
import { createCartClient } from './cart-client.ts';
import type { FetchFunction } from './retrying-fetch.ts';

const [p1] = sellableIds(1) as [string];

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly key: string | null;
  readonly replayed: string | null;
}

/** The global fetch, recording what went out and came back; `loseAnswer` makes the network drop a reply. */
function recordingFetch(loseAnswer: (request: Request) => boolean = () => false): { fetch: FetchFunction; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchFunction = async (request) => {
    const key = request.headers.get('idempotency-key');
    const response = await globalThis.fetch(request);
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path, key, replayed: response.headers.get('idempotent-replayed') });
    if (loseAnswer(request)) {
      await response.body?.cancel();
      throw new TypeError('fetch failed: the connection dropped before the answer arrived');
    }
    return response;
  };
  return { fetch, seen };
}

describe('Idempotency-Key', () => {
  it('is made for every POST of a signed-in caller, one per call, and never for PUT or DELETE', async () => {
    const { fetch, seen } = recordingFetch();
    const client = createCartClient({ baseUrl: apiUnderTest().baseUrl, token: await signToken(randomUUID()), fetch });
    const cart = await client.createCart();
    await client.addItem(cart.id, { productId: p1, quantity: 1 });
    await client.addItem(cart.id, { productId: p1, quantity: 1 });
    await client.setItemQuantity(cart.id, p1, 5);

    const posts = seen.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(3);
    for (const post of posts) expect(post.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(posts.map((post) => post.key)).size).toBe(3);
    expect(seen.find((request) => request.method === 'PUT')?.key).toBeNull();
  });

  it('is reused when the SDK retries after a lost answer: the api replays, the item is added once', async () => {
    let lost = 0;
    const { fetch, seen } = recordingFetch((request) => request.url.endsWith('/items') && lost++ === 0);
    const client = createCartClient({ baseUrl: apiUnderTest().baseUrl, token: await signToken(randomUUID()), fetch });
    const cart = await client.createCart();

    const added = await client.addItem(cart.id, { productId: p1, quantity: 2 });

    const adds = seen.filter((request) => request.path.endsWith('/items'));
    expect(adds).toHaveLength(2);
    expect(adds[1]?.key).toBe(adds[0]?.key);
    expect(adds.map((request) => request.replayed)).toEqual([null, 'true']);
    expect(added.items).toEqual([expect.objectContaining({ productId: p1, quantity: 2 })]);
    expect((await client.getCart(cart.id)).version).toBe(2);
  });

  it("takes the caller's own key, so a repeat after a restart replays instead of adding again", async () => {
    const { fetch, seen } = recordingFetch();
    const client = createCartClient({ baseUrl: apiUnderTest().baseUrl, token: await signToken(randomUUID()), fetch });
    const cart = await client.createCart();
    const idempotencyKey = `add-${randomUUID()}`;

    const first = await client.addItem(cart.id, { productId: p1, quantity: 3 }, { idempotencyKey });
    const repeat = await client.addItem(cart.id, { productId: p1, quantity: 3 }, { idempotencyKey });

    expect(repeat).toEqual(first);
    expect(seen.at(-1)).toEqual(expect.objectContaining({ key: idempotencyKey, replayed: 'true' }));
    expect((await client.getCart(cart.id)).items[0]?.quantity).toBe(3);
  });

  it('is left off when an anonymous caller creates a guest cart (the api refuses unscoped keys)', async () => {
    const { fetch, seen } = recordingFetch();
    const guest = createCartClient({ baseUrl: apiUnderTest().baseUrl, fetch });
    const cart = await guest.createCart();
    await guest.addItem(cart.id, { productId: p1, quantity: 1 });

    expect(seen.map((request) => request.key === null)).toEqual([true, false]);
  });
});

import { randomUUID } from 'node:crypto';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/**
 * Sends every endpoint of API.md once or more, the way shops, Orders and Users do: create (signed
 * in and guest), read (and 304), list with a cursor, add with and without an Idempotency-Key and
 * its replay, set, remove, empty, events, claim, merge, checkout, the live stream, delete, and the
 * catalog. Returns the status of each call, so the caller can check they did what they should.
 */
export async function driveEveryEndpoint(baseUrl: string, token: string, productIds: readonly string[]): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  const call = async (label: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
    const text = await response.text();
    statuses[label] = response.status;
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const [first = '', second = '', third = ''] = productIds;

  const carts: string[] = [];
  for (let i = 0; i < 3; i++) carts.push(String((await call('create', 'POST', '/v1/carts', { body: {} })).body['id']));
  const [cartId = '', otherId = ''] = carts;
  const read = await call('get', 'GET', `/v1/carts/${cartId}`);
  await call('get 304', 'GET', `/v1/carts/${cartId}`, { headers: { 'if-none-match': read.headers.get('etag') ?? '' } });
  const key = randomUUID();
  await call('add with key', 'POST', `/v1/carts/${cartId}/items`, { body: { productId: first, quantity: 2 }, headers: { 'idempotency-key': key } });
  await call('add replayed', 'POST', `/v1/carts/${cartId}/items`, { body: { productId: first, quantity: 2 }, headers: { 'idempotency-key': key } });
  await call('add', 'POST', `/v1/carts/${cartId}/items`, { body: { productId: second, quantity: 1 } });
  await call('set', 'PUT', `/v1/carts/${cartId}/items/${second}`, { body: { quantity: 4 } });
  await call('remove', 'DELETE', `/v1/carts/${cartId}/items/${second}`);
  await call('add to other', 'POST', `/v1/carts/${otherId}/items`, { body: { productId: third, quantity: 1 } });
  await call('empty', 'DELETE', `/v1/carts/${otherId}/items`);
  await call('events', 'GET', `/v1/carts/${cartId}/events?limit=2`);
  const listed = await call('list', 'GET', `/v1/users/${ownerOf(token)}/carts?limit=2`);
  const cursor = listed.body['nextCursor'];
  if (typeof cursor === 'string') await call('list next page', 'GET', `/v1/users/${ownerOf(token)}/carts?limit=2&cursor=${encodeURIComponent(cursor)}`);

  const guest = await call('create guest', 'POST', '/v1/carts', { body: {}, auth: false });
  const guestId = String(guest.body['id']);
  const guestToken = String(guest.body['cartToken']);
  await call('guest add', 'POST', `/v1/carts/${guestId}/items`, { body: { productId: third, quantity: 1 }, headers: { 'cart-token': guestToken }, auth: false });
  await call('guest get', 'GET', `/v1/carts/${guestId}`, { headers: { 'cart-token': guestToken }, auth: false });
  await call('merge', 'POST', `/v1/carts/${cartId}/merge`, { body: { sourceCartId: guestId }, headers: { 'cart-token': guestToken } });
  const claimable = await call('create guest 2', 'POST', '/v1/carts', { body: {}, auth: false });
  await call('claim', 'POST', `/v1/carts/${String(claimable.body['id'])}/claim`, { headers: { 'cart-token': String(claimable.body['cartToken']) } });

  await readStreamBriefly(`${baseUrl}/v1/carts/${cartId}/stream`, token, statuses);
  const before = await call('get before checkout', 'GET', `/v1/carts/${cartId}`);
  await call('checkout', 'POST', `/v1/carts/${cartId}/checkout`, { headers: { 'if-match': before.headers.get('etag') ?? '' } });
  await call('delete', 'DELETE', `/v1/carts/${otherId}`);
  await call('products', 'GET', '/v1/products?limit=5');
  await call('product', 'GET', `/v1/products/${first}`);
  return statuses;
}

/** Opens the cart's event stream, waits for its first bytes and a couple of feed ticks, and closes it. */
async function readStreamBriefly(url: string, token: string, statuses: Record<string, number>): Promise<void> {
  const controller = new AbortController();
  const response = await fetch(`${url}?after=0`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  statuses['stream'] = response.status;
  const reader = response.body?.getReader();
  await reader?.read().catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 600));
  controller.abort();
  await reader?.cancel().catch(() => undefined);
}

/** The token's subject (a UUID): the listing needs it in the path. */
function ownerOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub);
}

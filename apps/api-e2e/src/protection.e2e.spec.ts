import { request } from 'node:http';
import { ApiClient } from './support/api-client.ts';
import { sellableIds } from './support/catalog.data.ts';
import { startDedicatedApi, type DedicatedApi } from './support/dedicated-api.ts';
import { slowJsonRequest } from './support/slow-request.ts';

const shopOrigin = 'https://shop.example';
const [product] = sellableIds(1) as [string];

/** A raw GET with one oversized header: fetch refuses to send such a request itself. */
function getWithHugeHeader(baseUrl: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/v1/carts`, { headers: { 'x-padding': 'x'.repeat(bytes) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('protection in front of the API (a dedicated api with small limits)', () => {
  let dedicated: DedicatedApi;

  beforeAll(async () => {
    dedicated = await startDedicatedApi({ CORS_ORIGINS: shopOrigin, RATE_LIMIT_PER_MINUTE: '8', MAX_IN_FLIGHT_REQUESTS: '3' });
  }, 60_000);

  afterAll(async () => {
    await dedicated?.stop();
  });

  it('security headers on the API, the shop and the docs', async () => {
    for (const path of ['/v1/carts/00000000-0000-4000-8000-000000000000', '/', '/docs']) {
      const response = await fetch(`${dedicated.api.baseUrl}${path}`);
      await response.body?.cancel();
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('CORS: a listed origin gets its preflight and credentials; another origin gets no CORS headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${dedicated.api.baseUrl}/v1/carts`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
    const allowed = await preflight(shopOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shopOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');

    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('rate limit per caller: past the limit 429 problem+json with RateLimit headers; another caller is not affected', async () => {
    const greedy = (await dedicated.newCustomer()).client;
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 10; i++) {
      const response = await greedy.request('GET', `/v1/carts/00000000-0000-4000-8000-00000000000${i}`);
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(refused?.headers.get('content-type')).toContain('application/problem+json');
    expect(refused?.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(refused?.headers.get('ratelimit-policy')).toMatch(/q=8/);
    expect(refused?.headers.get('ratelimit')).toMatch(/r=0/);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);

    const other = (await dedicated.newCustomer()).client;
    expect((await other.createCart()).status).toBe(201);
  });

  it('admission control: with 3 requests in flight a 4th gets 503 OVERLOADED at once, and is served after', async () => {
    const { client, token } = await dedicated.newCustomer();
    const cart = (await client.createCart()).body;
    const held = [1, 2, 3].map(() =>
      slowJsonRequest(`${dedicated.api.baseUrl}/v1/carts/${cart.id}/items`, 'POST', { authorization: `Bearer ${token}` }, { productId: product, quantity: 1 }),
    );
    await Promise.all(held.map((request) => request.started));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    const refused = await new ApiClient(dedicated.api.baseUrl, (await dedicated.newCustomer()).token).createCart();
    const refusedInMs = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'OVERLOADED' });
    expect(refused.headers.get('retry-after')).toBe('1');
    console.log(`[api-e2e protection] refused at capacity in ${refusedInMs.toFixed(1)} ms`);

    for (const request of held) request.finish();
    expect((await Promise.all(held.map((request) => request.response))).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await client.getCart(cart.id)).body.items[0]?.quantity).toBe(3);
  });

  it('a header block over 16 KiB is refused with 431 before any handler runs', async () => {
    expect(await getWithHugeHeader(dedicated.api.baseUrl, 20 * 1024)).toBe(431);
  });
});

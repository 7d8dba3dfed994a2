import { clientsUnderTest } from './client-under-test.ts';
import { DependencyClient } from './dependency-client.ts';
import { DependencyUnavailableError } from './dependency-client.errors.ts';
import { sendJson, unusedLoopbackUrl } from './loopback.server.ts';

const { serve, clientFor } = clientsUnderTest({ dependency: 'products', headers: { 'x-caller': 'cart' } });

const asItems = (body: unknown) => {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) {
    throw new TypeError('expected { items: [] }');
  }
  return (body as { items: unknown[] }).items;
};

async function failureOf(call: Promise<unknown>): Promise<DependencyUnavailableError> {
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DependencyUnavailableError);
  return error as DependencyUnavailableError;
}

describe('DependencyClient', () => {
  it('GETs base URL + path with the query and headers, and returns the parsed body', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { items: ['sku-001'] }));
    const { client, metrics } = clientFor(`${server.url}/v1/`);

    await expect(client.getJson('findProducts', '/products', { ids: 'sku-001,sku-002' }, asItems)).resolves.toEqual(['sku-001']);

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/products?ids=sku-001%2Csku-002' });
    expect(server.requests[0]!.headers).toMatchObject({ accept: 'application/json', 'x-caller': 'cart' });
    expect(metrics.calls).toEqual([
      { dependency: 'products', operation: 'findProducts', outcome: 'success', durationSeconds: expect.any(Number) },
    ]);
    expect(metrics.calls[0]!.durationSeconds).toBeGreaterThan(0);
    expect(metrics.breakerStates).toEqual([{ dependency: 'products', state: 'closed' }]);
    expect(client.breakerState()).toBe('closed');
  });

  it('POSTs a JSON body', async () => {
    const server = await serve((request, response) => sendJson(response, 200, { items: [JSON.parse(request.body)] }));
    const { client } = clientFor(server.url);

    await expect(client.postJson('decide', 'v1/data/cart/allow', { input: { a: 1 } }, asItems)).resolves.toEqual([{ input: { a: 1 } }]);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/v1/data/cart/allow' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('retries a GET that got a 500 and succeeds', async () => {
    const server = await serve((_request, response, index) =>
      index === 0 ? sendJson(response, 500, { error: 'boom' }) : sendJson(response, 200, { items: [] }),
    );
    const { client, metrics } = clientFor(server.url);

    await expect(client.getJson('findProducts', '/products', {}, asItems)).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(metrics.outcomes()).toEqual(['success']);
  });

  it('gives up on a GET after 1 + retries attempts', async () => {
    const server = await serve((_request, response) => sendJson(response, 503, {}));
    const { client, metrics } = clientFor(server.url);

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', kind: 'unavailable', dependency: 'products', retryAfterSeconds: 1 });
    expect(error.reason).toBe('findProducts: answered HTTP 503');
    expect(server.requests).toHaveLength(3);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('never retries a non-idempotent POST', async () => {
    const server = await serve((_request, response) => sendJson(response, 500, {}));
    const { client, metrics } = clientFor(server.url);

    await failureOf(client.postJson('reserve', '/reservations', { id: 1 }, asItems));
    expect(server.requests).toHaveLength(1);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('retries a POST the caller marks idempotent', async () => {
    const server = await serve((_request, response, index) =>
      index === 0 ? sendJson(response, 502, {}) : sendJson(response, 200, { items: [true] }),
    );
    const { client } = clientFor(server.url);

    await expect(client.postJson('decide', '/v1/data', { input: {} }, asItems, { idempotent: true })).resolves.toEqual([true]);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 4xx, which would answer the same again', async () => {
    const server = await serve((_request, response) => sendJson(response, 404, {}));
    const { client, metrics } = clientFor(server.url);

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error.reason).toContain('answered HTTP 404');
    expect(server.requests).toHaveLength(1);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('fails on a connection reset, after retrying it', async () => {
    const server = await serve((_request, response) => response.socket?.destroy());
    const { client, metrics } = clientFor(server.url);

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error.reason).toContain('connection failed');
    expect(server.requests).toHaveLength(3);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('recovers when only the first connection is reset', async () => {
    const server = await serve((_request, response, index) =>
      index === 0 ? response.socket?.destroy() : sendJson(response, 200, { items: [] }),
    );
    const { client } = clientFor(server.url);

    await expect(client.getJson('findProducts', '/products', {}, asItems)).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('fails when the connection is refused', async () => {
    const { client, metrics } = clientFor(await unusedLoopbackUrl());

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error.reason).toContain('connection failed (ECONNREFUSED)');
    expect(error.cause).toBeDefined();
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('fails on a body that is not JSON, without retrying', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"items": [');
    });
    const { client, metrics } = clientFor(server.url);

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error.reason).toContain('not JSON');
    expect(server.requests).toHaveLength(1);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('fails when parse rejects the body, without retrying', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { products: [] }));
    const { client, metrics } = clientFor(server.url);

    const error = await failureOf(client.getJson('findProducts', '/products', {}, asItems));
    expect(error.reason).toContain('rejected: expected { items: [] }');
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
    expect(metrics.outcomes()).toEqual(['error']);
  });

  it('closes twice without complaint', async () => {
    const { client } = clientFor(await unusedLoopbackUrl());
    await client.close();
    await expect(client.close()).resolves.toBeUndefined();
  });

  it('refuses a base URL that is not a URL', () => {
    // Node's TypeError comes from another realm than Jest's, so the message is compared.
    expect(() => new DependencyClient({ dependency: 'products', baseUrl: 'not a url' })).toThrow('Invalid URL');
  });
});

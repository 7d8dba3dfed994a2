import { ApiClient } from './support/api-client.ts';
import { backends } from './support/e2e-environment.ts';

interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, unknown>>;
}

describe.each(backends())('operations endpoints ($name)', (backend) => {
  const anonymous = new ApiClient(backend.baseUrl);

  it('GET /livez and GET /readyz answer 200 without a token', async () => {
    const live = await anonymous.request('GET', '/livez');
    const ready = await anonymous.request('GET', '/readyz');

    expect([live.status, ready.status]).toEqual([200, 200]);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('GET /openapi.json is an OpenAPI 3.1 document naming every cart endpoint built so far', async () => {
    const response = await anonymous.request<OpenApiDocument>('GET', '/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.openapi).toMatch(/^3\.1\./);
    const operations = Object.entries(response.body.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/carts',
        'GET /v1/carts/{cartId}',
        'DELETE /v1/carts/{cartId}',
        'GET /v1/users/{userId}/carts',
        'POST /v1/carts/{cartId}/items',
        'DELETE /v1/carts/{cartId}/items',
        'PUT /v1/carts/{cartId}/items/{productId}',
        'DELETE /v1/carts/{cartId}/items/{productId}',
      ]),
    );
  });

  it('GET /docs serves a browsable HTML reference', async () => {
    const response = await anonymous.request('GET', '/docs');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

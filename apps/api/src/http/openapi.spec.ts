import type { CartHistory } from '@carteria/analytics';
import { cartRoutes, type CartUseCases } from './cart.routes.ts';
import { openApiDocument } from './openapi.ts';

const routes = cartRoutes({} as CartUseCases, {} as CartHistory);
const document = openApiDocument(routes, 'test');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every route the router serves', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(document.paths?.[route.path]?.[route.method]).toBeDefined();
    }
  });

  it('documents problem+json for the errors of every operation, and the Cart and Problem schemas', () => {
    for (const route of routes) {
      const responses = document.paths?.[route.path]?.[route.method]?.responses ?? {};
      const errors = Object.entries(responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length).toBeGreaterThan(0);
      for (const [, response] of errors) {
        expect(response).toMatchObject({ content: { 'application/problem+json': expect.anything() } });
      }
    }
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Cart', 'Problem', 'CartPage']));
  });

  it('names path parameters as they appear in the path', () => {
    const parameters = document.paths?.['/v1/carts/{cartId}/items/{productId}']?.put?.parameters ?? [];
    expect(parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', name: 'cartId', required: true }),
        expect.objectContaining({ in: 'path', name: 'productId', required: true }),
      ]),
    );
  });
});

describe('the problem answers', () => {
  it('list their codes as an enum on `code`, with an example each, and carry WWW-Authenticate (401) and Retry-After (503)', () => {
    for (const route of routes) {
      const responses = document.paths?.[route.path]?.[route.method]?.responses ?? {};
      for (const [status, response] of Object.entries(responses).filter(([code]) => Number(code) >= 400)) {
        const media = response.content['application/problem+json'];
        const codes: string[] = media.schema.allOf[1].properties.code.enum;
        expect(codes.length).toBeGreaterThan(0);
        expect(Object.keys(media.examples)).toEqual(codes);
        if (status === '401') expect(response.headers['WWW-Authenticate']).toMatchObject({ required: true });
        if (status === '503') expect(response.headers['Retry-After']).toMatchObject({ required: true });
      }
    }
    expect(document.paths?.['/v1/carts/{cartId}/items']?.post?.responses?.['422'].content['application/problem+json'].schema.allOf[1].properties.code.enum).toEqual(
      expect.arrayContaining(['QUANTITY_LIMIT_EXCEEDED', 'PRODUCT_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED']),
    );
  });
});

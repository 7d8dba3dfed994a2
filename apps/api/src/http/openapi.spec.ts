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

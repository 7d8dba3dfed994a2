import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import type { Route } from './route.ts';

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({
      description:
        'Makes a retry safe: the same key and body replay the first answer byte for byte (Idempotent-Replayed: true); ' +
        'another body gets 422 IDEMPOTENCY_KEY_REUSED; a duplicate while the first runs gets 409 IDEMPOTENCY_KEY_IN_USE. ' +
        'Scoped to the caller, kept 24 hours.',
    }),
});

function securityOf(route: Route) {
  switch (route.access ?? 'cart') {
    case 'user':
      return [{ bearer: [] }];
    case 'cart':
      return [{ bearer: [] }, { cartToken: [] }];
    case 'anyone':
      return [{ bearer: [] }, {}];
  }
}

/** The OpenAPI 3.1 document, made from the same route table the router enforces. */
export function openApiDocument(routes: readonly Route[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        ...route.operation,
        security: securityOf(route),
        requestParams: {
          ...(route.params ? { path: route.params } : {}),
          ...(route.query ? { query: route.query } : {}),
          ...(route.headers || route.method === 'post'
            ? { header: route.method === 'post' ? (route.headers ?? z.object({})).extend(idempotencyHeader.shape) : route.headers }
            : {}),
        },
        ...(route.body
          ? {
              requestBody: {
                required: !route.body.safeParse(undefined).success,
                content: { 'application/json': { schema: route.body } },
              },
            }
          : {}),
        responses: route.responses,
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Carteria cart API',
      version,
      description: 'Shopping carts with line items. Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cartToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Cart-Token',
          description: 'The secret token of a guest cart, returned once when the cart is created without a bearer token.',
        },
      },
    },
    paths,
  });
}

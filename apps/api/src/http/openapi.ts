import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Route } from './route.ts';

/** The OpenAPI 3.1 document, made from the same route table the router enforces. */
export function openApiDocument(routes: readonly Route[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        ...route.operation,
        security: [{ bearer: [] }],
        requestParams: {
          ...(route.params ? { path: route.params } : {}),
          ...(route.query ? { query: route.query } : {}),
          ...(route.headers ? { header: route.headers } : {}),
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
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  });
}

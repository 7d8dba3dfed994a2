import { createDocument, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { z } from 'zod';
import { operationsPaths } from './operations.paths.ts';
import {
  everyOperationProblems,
  idempotentPostProblems,
  problemResponsesFor,
  problemSchema,
  problemStatusHeaders,
  unmatchedRequestProblems,
} from './problem.schemas.ts';
import type { Route } from './route.ts';

const requestIdHeader = z.object({
  'x-request-id': z
    .string()
    .optional()
    .meta({
      description: 'Your id for this request, 1 to 128 of `[A-Za-z0-9_.:-]`; echoed back as X-Request-Id (a new one is made when absent or unusable).',
      example: 'checkout-7f3a',
    }),
});

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/)
    .optional()
    .meta({
      description:
        'Makes a retry safe: the same key and body replay the first answer byte for byte (Idempotent-Replayed: true); ' +
        'another body gets 422 IDEMPOTENCY_KEY_REUSED; a duplicate while the first runs gets 409 IDEMPOTENCY_KEY_IN_USE. ' +
        '1 to 255 visible ASCII characters, scoped to the caller (a bearer token or a Cart-Token: a caller with neither ' +
        'gets 400), kept 24 hours.',
      example: '5f0c8a56-1d4e-4b8e-9a57-0b7f4c1e2d33',
    }),
});

const requestIdResponseHeader = {
  description: 'The id of this request in the logs: the X-Request-Id sent, or a new one.',
  required: true,
  schema: { type: 'string' as const },
};

const replayedHeader = {
  description: 'Present (`true`) when this answer is the replay of an earlier request with the same Idempotency-Key.',
  schema: { type: 'string' as const, enum: ['true'] },
};

/** Every caller may send a Cart-Token beside its bearer token (to claim or merge a guest cart). */
function securityOf(route: Route) {
  const signedIn = [{ bearer: [] }, { bearer: [], cartToken: [] }];
  switch (route.access ?? 'cart') {
    case 'user':
      return signedIn;
    case 'cart':
      return [...signedIn, { cartToken: [] }];
    case 'anyone':
      return [...signedIn, { cartToken: [] }, {}];
  }
}

function isInlineResponse(response: unknown): response is ZodOpenApiResponseObject {
  return typeof response === 'object' && response !== null && !('$ref' in response);
}

/** A response's headers as a plain Headers Object (a zod object of headers is left to zod-openapi). */
function plainHeaders(response: ZodOpenApiResponseObject): Record<string, unknown> | undefined {
  const headers = response.headers;
  if (headers === undefined) return {};
  return '_zod' in headers ? undefined : (headers as Record<string, unknown>);
}

/**
 * The route's own answers, then one problem answer per status listing every code the route can
 * give (those of any operation, of any POST, and its own `problems`). A status the route answers
 * itself with a body keeps the route's answer; one it lists with headers only lends them to the
 * problem answer (a 409 CART_CHANGED carries ETag). Every answer carries X-Request-Id (a 401
 * WWW-Authenticate, a 503 Retry-After); a POST's
 * replies (not problems thrown) may be replays, marked Idempotent-Replayed.
 */
function responsesOf(route: Route): ZodOpenApiResponsesObject {
  const post = route.method === 'post';
  const codes = [...everyOperationProblems, ...(post ? idempotentPostProblems : []), ...(route.problems ?? [])];
  const own = route.responses as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...own };
  for (const [status, problem] of Object.entries(problemResponsesFor(codes))) {
    const given = own[status];
    if (given === undefined) merged[status] = problem;
    else if (isInlineResponse(given) && given.content === undefined) {
      merged[status] = { ...problem, headers: { ...problem.headers, ...plainHeaders(given) } };
    }
  }
  for (const [status, response] of Object.entries(merged)) {
    if (!isInlineResponse(response)) continue;
    const headers = plainHeaders(response);
    if (headers === undefined) continue;
    const replayable = post && (Number(status) < 400 || own[status] !== undefined);
    const statusHeaders = status in problemStatusHeaders ? problemStatusHeaders[Number(status) as keyof typeof problemStatusHeaders] : {};
    merged[status] = {
      ...response,
      headers: {
        ...statusHeaders,
        ...headers,
        'X-Request-Id': requestIdResponseHeader,
        ...(replayable ? { 'Idempotent-Replayed': replayedHeader } : {}),
      },
    };
  }
  return merged as ZodOpenApiResponsesObject;
}

function headersOf(route: Route): z.ZodObject {
  let headers: z.ZodObject = requestIdHeader;
  if (route.headers) headers = headers.extend(route.headers.shape);
  if (route.method === 'post') headers = headers.extend(idempotencyHeader.shape);
  return headers;
}

const description = `Shopping carts with line items, for shop front ends, Orders and Users.

- Bodies are JSON (another content type gets 415, over 16 KiB 413, malformed JSON 400).
- Errors are RFC 9457 \`application/problem+json\` with a stable \`code\`; every error response lists the codes it can carry.
- Carts carry an integer \`version\`, sent as \`ETag: "<version>"\`; mutations take \`If-Match\` (stale: 412), reads \`If-None-Match\` (304).
- POSTs take \`Idempotency-Key\`.
- Any other path or method answers 404 \`ROUTE_NOT_FOUND\` (or, before routing, ${unmatchedRequestProblems.filter((code) => code !== 'ROUTE_NOT_FOUND').join(', ')}); a GET of another path may be a file of the demo shop.`;

/** The released API version (`info.version`); the breaking-change check compares majors. */
export const apiVersion = '1.0.0';

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
          header: headersOf(route),
        },
        ...(route.body
          ? {
              requestBody: {
                required: !route.body.safeParse(undefined).success,
                content: { 'application/json': { schema: route.body } },
              },
            }
          : {}),
        responses: responsesOf(route),
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Carteria cart API', version, description },
    servers: [{ url: '/' }],
    tags: [
      { name: 'carts', description: 'Carts, their lines, checkout, guest carts.' },
      { name: 'operations', description: 'Probes, metrics and this document.' },
    ],
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT whose `sub` is the user id and `scope` its scopes.' },
        cartToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Cart-Token',
          description: 'The secret token of a guest cart (43 base64url characters), returned once when the cart is created without a bearer token.',
        },
      },
    },
    paths: { ...paths, ...operationsPaths },
  });
}

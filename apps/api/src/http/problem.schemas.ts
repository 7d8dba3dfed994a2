import { z } from 'zod';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { titles } from './problem.ts';

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem.', example: 'https://carteria.dev/problems/cart-not-found' }),
    title: z.string().meta({ description: 'The HTTP reason phrase of `status`.', example: 'Not Found' }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong, for a person.' }),
    code: z.string().meta({ description: 'Stable, machine-readable; each response lists the codes it can carry.' }),
    traceId: z.string().optional().meta({ description: 'The trace of the request (W3C trace id), to quote to support.' }),
    changes: z
      .array(
        z.object({
          productId: z.string(),
          problem: z.string().meta({ description: 'What changed: a price, availability, stock.' }),
          previousUnitPrice: z.unknown(),
          unitPrice: z.unknown(),
        }),
      )
      .optional()
      .meta({ description: 'CART_CHANGED only: the lines that are no longer what the shopper saw.' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'Where in the request: `/body/quantity`, `/path/cartId`, `/query/limit`, `/header/if-match`.' }),
          detail: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'VALIDATION_FAILED only: each invalid part of the request.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, the body of every 4xx and 5xx answer.' });

/** Every `code` the API answers with: its status and when it happens. */
export const problemCodes = {
  VALIDATION_FAILED: [400, 'A path id, query parameter, header or body field is not valid; `errors` says which.'],
  MALFORMED_JSON: [400, 'The body is not valid JSON, or cannot be decoded (a corrupt Content-Encoding stream, a Content-Length that does not match).'],
  REQUEST_ABORTED: [400, 'The client closed the request before its body arrived.'],
  UNAUTHENTICATED: [401, 'No, a malformed or an invalid bearer token or Cart-Token.'],
  FORBIDDEN: [403, 'The caller may see the resource but not do this.'],
  CART_NOT_FOUND: [404, 'No such cart, it was deleted, or it is not the caller\'s (no existence leak).'],
  LINE_NOT_FOUND: [404, 'The cart has no line for this product.'],
  ROUTE_NOT_FOUND: [404, 'No such path or method.'],
  CART_CHECKED_OUT: [409, 'The cart is checked out and can no longer change.'],
  CART_CHANGED: [409, 'Checkout found lines that changed since the shopper saw them (`changes`); the cart stays active, repriced.'],
  CURRENCY_MISMATCH: [409, 'The amounts are in another currency than the cart.'],
  IDEMPOTENCY_KEY_IN_USE: [409, 'A request with this Idempotency-Key is still running.'],
  CART_VERSION_MISMATCH: [412, 'If-Match names a version that is not the current one; nothing changed.'],
  PAYLOAD_TOO_LARGE: [413, 'The body is over 16 KiB.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'The body is not application/json (or has an unsupported charset or encoding).'],
  QUANTITY_LIMIT_EXCEEDED: [422, 'A line would hold more than the per-line limit (999 by default).'],
  LINE_LIMIT_EXCEEDED: [422, 'The cart would hold more than the line limit (100 by default).'],
  PRODUCT_NOT_FOUND: [422, 'Products does not know this product.'],
  PRODUCT_UNAVAILABLE: [422, 'The product is not for sale.'],
  PRICE_UNAVAILABLE: [422, 'Billing has no price for the product in the cart currency.'],
  CART_EMPTY: [422, 'A cart without lines cannot be checked out.'],
  IDEMPOTENCY_KEY_REUSED: [422, 'This Idempotency-Key was used for a different request.'],
  IF_MATCH_REQUIRED: [428, 'Checkout needs If-Match with the version the shopper confirmed.'],
  RATE_LIMITED: [429, 'More requests a minute than this caller may make (when rate limiting is on); see Retry-After and RateLimit.'],
  INTERNAL: [500, 'A fault on our side; nothing internal is shown.'],
  SERVICE_STARTING: [503, 'The service is starting (migrating); see Retry-After.'],
  OVERLOADED: [503, 'The service is at capacity; see Retry-After.'],
  SERVICE_DRAINING: [503, 'The service is shutting down (long-lived streams); reconnect to another instance.'],
  DATABASE_UNAVAILABLE: [503, 'The database does not answer; see Retry-After.'],
  DEPENDENCY_UNAVAILABLE: [503, 'Products, Billing or AuthZ does not answer (or its breaker is open); see Retry-After.'],
  AUTH_UNAVAILABLE: [503, 'The token signing keys (JWKS) cannot be fetched; see Retry-After.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ProblemCode = keyof typeof problemCodes;

/** What any operation of the API can answer: bad input, bad credentials, body guards, outages. */
export const everyOperationProblems: readonly ProblemCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'REQUEST_ABORTED',
  'UNAUTHENTICATED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_STARTING',
  'OVERLOADED',
  'DATABASE_UNAVAILABLE',
  'DEPENDENCY_UNAVAILABLE',
  'AUTH_UNAVAILABLE',
];

/** What an unknown path or method can answer (the body guards run before routing). */
export const unmatchedRequestProblems: readonly ProblemCode[] = [
  'ROUTE_NOT_FOUND',
  'MALFORMED_JSON',
  'REQUEST_ABORTED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_STARTING',
  'OVERLOADED',
];

/** Every POST takes an Idempotency-Key. */
export const idempotentPostProblems: readonly ProblemCode[] = ['IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED'];


export const problemRef = { $ref: '#/components/schemas/Problem' } as const;

export const problemStatusHeaders = {
  401: { 'WWW-Authenticate': { description: 'Always `Bearer`.', required: true, schema: { type: 'string' as const, example: 'Bearer' } } },
  429: {
    'Retry-After': { description: 'Whole seconds until the window resets.', required: true, schema: { type: 'string' as const, pattern: '^[0-9]+$' } },
    RateLimit: { description: 'The remaining quota (IETF RateLimit fields, draft 8).', schema: { type: 'string' as const } },
    'RateLimit-Policy': { description: 'The quota policy (IETF RateLimit fields, draft 8).', schema: { type: 'string' as const } },
  },
  503: {
    'Retry-After': {
      description: 'Whole seconds to wait before trying again.',
      required: true,
      schema: { type: 'string' as const, pattern: '^[1-9][0-9]*$', example: '1' },
    },
  },
} as const;

function exampleOf(code: ProblemCode) {
  const [status, detail] = problemCodes[code];
  return {
    summary: code,
    value: {
      type: `https://carteria.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: titles[status] ?? 'Error',
      status,
      detail,
      code,
    },
  };
}

/**
 * The problem answers of an operation, one response per status, each listing its codes (an enum
 * on `code`, so an undocumented code fails a contract test) with an example per code.
 */
export function problemResponsesFor(codes: readonly ProblemCode[]): Record<string, ZodOpenApiResponseObject> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = problemCodes[code][0];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes.map((code) => `\`${code}\`: ${problemCodes[code][1]}`).join('\n'),
      ...(status in problemStatusHeaders ? { headers: problemStatusHeaders[status as keyof typeof problemStatusHeaders] } : {}),
      content: {
        'application/problem+json': {
          schema: { allOf: [problemRef, { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } }] },
          examples: Object.fromEntries(statusCodes.map((code) => [code, exampleOf(code)])),
        },
      },
    };
  }
  return responses;
}

/**
 * Generic problem answers by status (500 and 503 always added), for routes that do not list their
 * codes yet; prefer `problems` on the route, which documents each code.
 */
export function problemResponses(...statuses: number[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(
    [...statuses, 500, 503].map((status) => [
      String(status),
      { description: titles[status] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

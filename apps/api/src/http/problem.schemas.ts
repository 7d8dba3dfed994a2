import { z } from 'zod';
import type { ZodOpenApiResponsesObject } from 'zod-openapi';

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem.' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: 'What went wrong, for a person.' }),
    code: z.string().meta({ description: 'Stable, machine-readable: CART_NOT_FOUND, VALIDATION_FAILED, ...' }),
    changes: z
      .array(z.object({ productId: z.string(), problem: z.string(), previousUnitPrice: z.unknown(), unitPrice: z.unknown() }))
      .optional()
      .meta({ description: 'CART_CHANGED only: the lines that are no longer what the shopper saw.' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'Where in the request: `/body/quantity`, `/path/cartId`, `/query/limit`, `/header/if-match`.' }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

const descriptions: Record<number, string> = {
  400: 'Malformed request: bad JSON, a bad id, or a field out of range (VALIDATION_FAILED, MALFORMED_JSON).',
  401: 'No or bad bearer token (UNAUTHENTICATED).',
  403: 'Authenticated, but not allowed (FORBIDDEN).',
  404: 'No such cart or line, or not yours (CART_NOT_FOUND, LINE_NOT_FOUND).',
  409: 'The cart is checked out (CART_CHECKED_OUT), or checkout found lines that changed (CART_CHANGED, with `changes`: productId, problem, previousUnitPrice, unitPrice).',
  412: 'If-Match names a version that is not the current one (CART_VERSION_MISMATCH).',
  413: 'The body is over 16 KiB (PAYLOAD_TOO_LARGE).',
  415: 'The body is not application/json (UNSUPPORTED_MEDIA_TYPE).',
  428: 'Checkout needs If-Match (IF_MATCH_REQUIRED).',
  422: 'A cart limit would be passed, or the product cannot be sold (QUANTITY_LIMIT_EXCEEDED, LINE_LIMIT_EXCEEDED, PRODUCT_NOT_FOUND, PRODUCT_UNAVAILABLE, PRICE_UNAVAILABLE, CART_EMPTY).',
  500: 'A fault on our side (INTERNAL).',
  503: 'Not now: starting, draining, or a dependency is down (SERVICE_STARTING, SERVICE_DRAINING, DEPENDENCY_UNAVAILABLE, AUTH_UNAVAILABLE); see Retry-After.',
};

/** Documents the problem answers an operation can give (500 and 503 can always happen). */
export function problemResponses(...statuses: number[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(
    [...statuses, 500, 503].map((status) => [
      String(status),
      { description: descriptions[status] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

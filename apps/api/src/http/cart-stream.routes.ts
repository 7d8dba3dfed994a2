import type { Response } from 'express';
import { z } from 'zod';
import type { CloudEvent } from '@carteria/analytics';
import type { GetCart } from '@carteria/cart';
import { ValidationError } from '@carteria/kernel';
import { cartPath } from './cart.schemas.ts';
import type { CartEventFeed } from './cart-event.feed.ts';
import { HttpError } from './http-error.ts';
import { problemSchema } from './problem.schemas.ts';
import { defineRoute, type Reply, type Route } from './route.ts';

export interface CartStreamOptions {
  /** A comment line this often keeps proxies and the browser from timing the stream out; default 15 s. */
  readonly heartbeatMs?: number;
}

/** After these the cart is gone: the stream says so and ends. */
const lastEventTypes = new Set(['cart.deleted', 'cart.expired']);

const sequence = z.coerce
  .number()
  .int()
  .min(0)
  .max(2_147_483_647)
  .meta({ description: 'Resume after this event sequence (the cart version you hold); `Last-Event-ID` wins when both are sent.' });

const streamQuery = z.strictObject({ after: sequence.optional() });

const streamHeaders = z.object({
  'last-event-id': z
    .string()
    .optional()
    .meta({ description: 'The `id` of the last event received (a sequence); the stream resumes after it.' }),
});

const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

const streamDescription = [
  "The cart's events as server-sent events (`text/event-stream`), for keeping every open view of a cart current.",
  'Same access as reading the cart: a bearer token or the guest `Cart-Token` (use `fetch` and read the body,',
  'since `EventSource` cannot send headers).',
  '',
  'Each event is `id: <sequence>`, `event: <CloudEvent type>`, `data: <the CloudEvent as JSON>`, the same',
  'document as `GET /v1/carts/{cartId}/events` lists. Without `Last-Event-ID` or `after` the stream starts',
  "after the cart's current version; with one it first replays what came after it. A comment line",
  '(`: heartbeat`) comes every 15 s. After `cart.deleted` or `cart.expired` the stream ends. It also ends',
  'when the service shuts down: reconnect with backoff, sending `Last-Event-ID`. Events come from the',
  'database outbox, so any replica serves any cart, within about 250 ms of the change.',
].join('\n');

/** `GET /v1/carts/{cartId}/stream`: live cart events over server-sent events, fed by the outbox. */
export function cartStreamRoutes(getCart: GetCart, feed: CartEventFeed, options: CartStreamOptions = {}): Route[] {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/carts/{cartId}/stream',
      operation: { operationId: 'streamCartEvents', summary: "A cart's events, live (server-sent events)", description: streamDescription, tags: ['carts'] },
      params: cartPath,
      query: streamQuery,
      headers: streamHeaders,
      responses: {
        '200': {
          description: 'The event stream; it stays open.',
          content: {
            'text/event-stream': {
              schema: z.string().meta({
                example: 'id: 0000000003\nevent: cart.item_added\ndata: {"specversion":"1.0","type":"cart.item_added",...}\n\n',
              }),
            },
          },
        },
        '400': problemAnswer('`VALIDATION_FAILED`: a bad cart id, `after` or `Last-Event-ID`.'),
        '401': problemAnswer('`UNAUTHENTICATED`: no, or a bad, bearer token or Cart-Token.'),
        '404': problemAnswer("`CART_NOT_FOUND`: no such cart, it was deleted, or it is not the caller's."),
        '500': problemAnswer('`INTERNAL`: a fault on our side.'),
        '503': problemAnswer('`SERVICE_STARTING`, `SERVICE_DRAINING`, `DATABASE_UNAVAILABLE`, `AUTH_UNAVAILABLE`; see Retry-After.'),
      },
      async handle({ principal, params, query, req }) {
        const cart = await getCart.execute({ principal, cartId: params.cartId });
        const after = lastEventId(req.get('last-event-id')) ?? query.after ?? cart.version;
        if (feed.closed) throw new HttpError(503, 'SERVICE_DRAINING', 'The service is shutting down; reconnect to another instance.');
        if (!req.res) throw new Error('the request has no response');
        return stream(req.res, (listener) => feed.subscribe(cart.id, after, listener), heartbeatMs);
      },
    }),
  ];
}

function lastEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
    throw new ValidationError('Last-Event-ID is not an event id of this stream.', [
      { pointer: '/header/last-event-id', detail: 'an event sequence, 0 to 2147483647' },
    ]);
  }
  return Number(value);
}

type Subscribe = (listener: { onEvent(event: CloudEvent): void; onClose(): void }) => () => void;

/**
 * Takes over the response: writes the stream until the client leaves, the cart is gone or the feed
 * closes. Resolves (with nothing left to send) once the response has closed.
 */
function stream(res: Response, subscribe: Subscribe, heartbeatMs: number): Promise<Reply> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // Tells nginx-style proxies not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 1000\n: connected\n\n');
  return new Promise((resolve) => {
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    // The feed calls back only from a later tick, so `end` never runs before `unsubscribe` is set.
    const unsubscribe = subscribe({
      onEvent(event) {
        res.write(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        if (lastEventTypes.has(event.type)) end();
      },
      onClose: () => end(),
    });
    function end(): void {
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
    }
    res.once('close', () => {
      end();
      resolve({ status: 200 });
    });
  });
}

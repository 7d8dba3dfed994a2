import { sendJson, startLoopbackServer } from '@carteria/dependency-client/testing';
import type { ServerResponse } from 'node:http';

/** A `GET /prices` request as the fake saw it. */
export interface FakeBillingRequest {
  /** Path and query, e.g. /prices?currency=EUR&productIds=sku-001%2Csku-002 */
  readonly url: string;
  readonly currency: string | null;
  readonly productIds: readonly string[];
}

/** What to answer: any JSON value (floats and wrong currencies included), raw text, or a reset. */
export type FakeBillingReply =
  | { readonly status?: number; readonly json: unknown }
  | { readonly status?: number; readonly text: string }
  | { readonly reset: true };

/** Decides the reply; a promise that never settles makes Billing hang. */
export type FakeBillingBehaviour = (request: FakeBillingRequest) => FakeBillingReply | Promise<FakeBillingReply>;

/** Unit prices in minor units by currency, then product id (the shape of `prices` in src/data/prices.json). */
export type FakeBillingPrices = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface FakeBilling {
  /** e.g. http://127.0.0.1:40123, to pass as the Billing URL. */
  readonly url: string;
  /** Every `GET /prices` received, oldest first. */
  readonly requests: readonly FakeBillingRequest[];
  /** Replaces the well-behaved default; `null` restores it. */
  behave(behaviour: FakeBillingBehaviour | null): void;
  close(): Promise<void>;
}

/**
 * A Billing service on 127.0.0.1 and a free port, for tests and for running the app by hand. By
 * default it answers `GET /prices` from `prices` as the README describes; `behave` makes it misbehave.
 */
export async function startFakeBilling(prices: FakeBillingPrices = {}): Promise<FakeBilling> {
  const requests: FakeBillingRequest[] = [];
  const wellBehaved: FakeBillingBehaviour = (request) => ({ json: answerFrom(prices, request) });
  let behaviour = wellBehaved;

  const server = await startLoopbackServer((received, response) => {
    const url = new URL(received.url, 'http://fake-billing');
    if (received.method !== 'GET' || url.pathname !== '/prices') {
      sendJson(response, 404, { title: 'Not Found' });
      return;
    }
    const request: FakeBillingRequest = {
      url: received.url,
      currency: url.searchParams.get('currency'),
      productIds: (url.searchParams.get('productIds') ?? '').split(',').filter((id) => id !== ''),
    };
    requests.push(request);
    Promise.resolve(behaviour(request)).then(
      (reply) => send(response, reply),
      () => sendJson(response, 500, { title: 'The fake failed' }),
    );
  });

  return {
    url: server.url,
    requests,
    behave: (next) => {
      behaviour = next ?? wellBehaved;
    },
    close: () => server.close(),
  };
}

function answerFrom(prices: FakeBillingPrices, request: FakeBillingRequest): unknown {
  const currency = request.currency ?? '';
  const table = prices[currency] ?? {};
  const items = request.productIds.flatMap((productId) => {
    const amount = table[productId];
    return amount === undefined ? [] : [{ productId, unitPrice: { amount, currency } }];
  });
  return { currency, items };
}

function send(response: ServerResponse, reply: FakeBillingReply): void {
  if (response.destroyed) return;
  if ('reset' in reply) {
    response.socket?.destroy();
  } else if ('json' in reply) {
    sendJson(response, reply.status ?? 200, reply.json);
  } else {
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(reply.text);
  }
}

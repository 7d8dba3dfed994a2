import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Business events counted at the edge, by route template and method, on success only (replays excluded). */
const businessEvents: Record<string, string> = {
  'POST /v1/carts': 'cart_created',
  'POST /v1/carts/{cartId}/items': 'item_added',
  'POST /v1/carts/{cartId}/checkout': 'checked_out',
};

/**
 * RED metrics per route template (never the raw path, so label sets stay bounded): requests by
 * method, route and status, and their duration; plus the cart business counters.
 */
export function httpMetrics(registry: Registry): RequestHandler {
  const requests = new Counter({
    name: 'cart_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'cart_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route template.',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const business = new Counter({
    name: 'cart_business_events_total',
    help: 'Carts created, items added and checkouts, counted when they succeed.',
    labelNames: ['event'],
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const route = routeTemplate(req.route?.path);
      const method = req.method;
      // A stream lasts as long as the shopper keeps the page open: its duration is no latency.
      if (!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) stop({ method, route });
      requests.inc({ method, route, status: String(res.statusCode) });
      const event = businessEvents[`${method} ${route}`];
      if (event && res.statusCode < 300 && !res.getHeader('Idempotent-Replayed')) business.inc({ event });
    });
    next();
  };
}

/** Express's `/v1/carts/:cartId` as the OpenAPI template `/v1/carts/{cartId}`; unmatched paths share one label. */
function routeTemplate(path: unknown): string {
  return typeof path === 'string' ? path.replaceAll(/:(\w+)/g, '{$1}') : 'unmatched';
}

import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** helmet's defaults: CSP (the shop and /docs load no inline scripts), HSTS, nosniff, frame denial... */
export function securityHeaders(): RequestHandler {
  return helmet();
}

/**
 * Browsers on the listed origins may call the API, with credentials and the headers the API reads;
 * other origins get no CORS headers (the browser blocks them). Preflights are answered here.
 */
export function corsForOrigins(origins: readonly string[]): RequestHandler {
  const listed = new Set(origins);
  const forListed: CorsOptions = {
    origin: true,
    credentials: true,
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'Cart-Token', 'Last-Event-ID', 'X-Request-Id', 'traceparent'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  };
  return cors((req, decide) => decide(null, listed.has(req.headers.origin ?? '') ? forListed : { origin: false }));
}

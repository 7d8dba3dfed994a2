import express, { type Express, type RequestHandler } from 'express';
import type { Logger as PinoLogger } from 'pino';
import type { Registry } from 'prom-client';
import { httpMetrics } from '../observability/http.metrics.ts';
import { metricsRoutes } from '../observability/metrics.routes.ts';
import { registerAdmissionMetrics } from '../observability/admission.metrics.ts';
import type { IdempotencyStore } from '../idempotency/idempotency.store.ts';
import type { TokenVerifier } from './authenticate.ts';
import { parseJsonBody, requireJsonBody } from './body-guards.ts';
import { docsRoutes } from './docs.routes.ts';
import { errorHandler } from './error-handler.ts';
import { healthRoutes, type Readiness } from './health.routes.ts';
import { HttpError } from './http-error.ts';
import { mountRoutes } from './mount-routes.ts';
import { openApiDocument } from './openapi.ts';
import type { Route } from './route.ts';
import { requestLogging } from './request-logging.ts';
import { admissionControl, type AdmissionLimits } from './protection/admission.ts';
import { rateLimitPerCaller } from './protection/rate-limit.ts';
import { corsForOrigins, securityHeaders } from './protection/security-headers.ts';
import { storefrontStatic } from './storefront.static.ts';

/**
 * While starting (migrating), API requests get 503 with Retry-After; probes still answer. While
 * draining they are served, each answer closing its connection so that no client reuses one that
 * is about to close.
 */
function admitByPhase(readiness: Readiness): RequestHandler {
  return (_req, res, next) => {
    const phase = readiness.phase();
    if (phase === 'starting') return next(new HttpError(503, 'SERVICE_STARTING', 'The service is starting.'));
    if (phase === 'draining') res.setHeader('Connection', 'close');
    next();
  };
}

export interface HttpAppParts {
  readonly routes: readonly Route[];
  readonly verifier: TokenVerifier;
  readonly idempotency: IdempotencyStore;
  readonly readiness: Readiness;
  readonly logger: PinoLogger;
  readonly registry: Registry;
  readonly version: string;
  readonly protection: Protection;
}

/** The guards in front of the API (see ./protection). */
export interface Protection {
  readonly corsOrigins: readonly string[];
  /** 0: no rate limit. */
  readonly rateLimitPerMinute: number;
  readonly admission: AdmissionLimits;
}

/** Every API path starts with /v1/ (see ./cart.routes.ts and ./shop.routes.ts). */
const isApiPath = (path: string) => path.startsWith('/v1/');

/** `handler` for requests outside the API; API requests go straight on. */
function unlessApi(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isApiPath(req.path) ? next() : handler(req, res, next));
}

/** `handler` for API requests only. */
function onlyApi(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isApiPath(req.path) ? handler(req, res, next) : next());
}

/** Server-sent event streams stay open for minutes: admission control does not count them. */
const isStream = (path: string) => path.endsWith('/stream');

/** The Express app: operations endpoints and the shop, then the API routes, then the one error handler. */
export function createHttpApp(parts: HttpAppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(httpMetrics(parts.registry));
  const admission = admissionControl(parts.protection.admission, isStream, () => parts.readiness.phase() === 'ready');
  if (admission.concurrency) registerAdmissionMetrics(parts.registry, admission.concurrency);
  app.use(onlyApi(admission.handler));
  app.use(requestLogging(parts.logger));
  app.use(securityHeaders(), corsForOrigins(parts.protection.corsOrigins));
  // Everything outside /v1: probes, metrics, the API docs and the demo shop at / (apps/storefront).
  // API requests skip it, so none of them pays for its routers or for a file lookup on disk.
  const site = express.Router();
  site.use(healthRoutes(parts.readiness));
  site.use(metricsRoutes(parts.registry));
  site.use(docsRoutes(openApiDocument(parts.routes, parts.version)));
  site.use(storefrontStatic());
  app.use(unlessApi(site));

  const api = express.Router();
  api.use(admitByPhase(parts.readiness));
  if (parts.protection.rateLimitPerMinute > 0) api.use(rateLimitPerCaller(parts.protection.rateLimitPerMinute));
  api.use(requireJsonBody, parseJsonBody);
  mountRoutes(api, parts.routes, { verifier: parts.verifier, idempotency: parts.idempotency });
  app.use(api);

  app.use((req, _res, next) => {
    next(new HttpError(404, 'ROUTE_NOT_FOUND', `There is no ${req.method} ${req.path}.`));
  });
  app.use(errorHandler);
  return app;
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger as PinoLogger } from 'pino';

const acceptableRequestId = /^[\w.:-]{1,128}$/;
const quietPaths = new Set(['/livez', '/readyz', '/metrics']);

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };
type RoutedRequest = LoggedRequest & { route?: { path?: unknown } };

/**
 * What a request's lines say about it: its id, method and path. Never headers (bearer tokens,
 * cookies, cart tokens), never the query string, never the body: there is nothing to redact.
 */
export function requestFields(req: LoggedRequest): { id: unknown; method: string | undefined; url: string } {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return { id: req.id, method: req.method, url: query === -1 ? url : url.slice(0, query) };
}

/** The caller's `X-Request-Id` when it is acceptable, else a new one; echoed back on the response. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && acceptableRequestId.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The route template the request matched (`/v1/carts/:cartId`), when it matched one. */
function routeOf(req: RoutedRequest): string | undefined {
  const path = req.route?.path;
  return typeof path === 'string' ? path : undefined;
}

/**
 * One log line per request, tagged with `X-Request-Id` (the caller's, or a new one, echoed back):
 * `req` (id, method, path), `res.statusCode`, `route`, `responseTime` in ms, and the trace id the
 * logger's mixin adds.
 */
export function requestLogging(logger: PinoLogger) {
  return pinoHttp({
    logger,
    // The serializers below take the raw request and response: pino-http's wrappers would first
    // copy every header into an object only to have it thrown away.
    wrapSerializers: false,
    serializers: {
      req: requestFields,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    genReqId: assignRequestId,
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      return 'info';
    },
    customSuccessObject: (req, _res, fields) => ({ ...fields, route: routeOf(req) }),
    customErrorObject: (req, _res, _error, fields) => ({ ...fields, route: routeOf(req) }),
    autoLogging: { ignore: (req) => quietPaths.has(req.url ?? '') },
  });
}

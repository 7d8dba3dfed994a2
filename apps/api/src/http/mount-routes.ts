import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import type { z } from 'zod';
import { ValidationError, type Principal } from '@carteria/kernel';
import type { IdempotencyStore, StoredReply } from '../idempotency/idempotency.store.ts';
import { authenticate, type TokenVerifier } from './authenticate.ts';
import { HttpError } from './http-error.ts';
import type { Reply, Route } from './route.ts';

export interface RouteServices {
  readonly verifier: TokenVerifier;
  readonly idempotency: IdempotencyStore;
}

/**
 * Adds each route to the router: authenticate, validate path, query and body, then handle. A POST
 * with an Idempotency-Key runs once per key and caller; repeats get the first reply again.
 */
export function mountRoutes(router: Router, routes: readonly Route[], services: RouteServices): void {
  for (const route of routes) {
    router[route.method](expressPath(route.path), async (req, res) => {
      const principal = await authenticate(services.verifier, req, route.access ?? 'cart');
      const input = {
        params: validate(route.params, req.params, 'path'),
        query: validate(route.query, req.query, 'query'),
        body: validate(route.body, req.body, 'body'),
        principal,
        req,
      };
      const key = route.method === 'post' ? idempotencyKey(req) : undefined;
      if (key === undefined) {
        send(res, serialize(await route.handle(input)));
        return;
      }
      const { reply, replayed } = await services.idempotency.run(
        { scope: idempotencyScope(principal, key), key, fingerprint: fingerprint(req) },
        () => route.handle(input),
        serialize,
      );
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      send(res, reply);
    });
  }
  router.use(clientErrorsOfTheEdge);
}

/** body-parser errors that error-handler.ts maps by `type`; others reach it without one. */
const mappedBodyErrors = new Set(['entity.parse.failed', 'entity.too.large', 'encoding.unsupported', 'charset.unsupported', 'request.aborted']);

/**
 * Client mistakes that the router and body-parser report as bare errors (no code the error
 * handler knows, so they would end as 500 INTERNAL): a path parameter that is not valid
 * percent-encoding (`/v1/carts/%E0%A4%A`), a body whose Content-Encoding stream is corrupt, a
 * Content-Length that does not match the body. Runs for every request the API router sees.
 */
const clientErrorsOfTheEdge: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  if (error instanceof URIError) {
    next(new ValidationError('The path is not valid percent-encoding.', [{ pointer: '/path', detail: 'percent-encode path segments as UTF-8' }]));
    return;
  }
  const { status, expose, type } = (error ?? {}) as { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true && !mappedBodyErrors.has(String(type))) {
    next(new HttpError(400, 'MALFORMED_JSON', 'The request body cannot be decoded (Content-Encoding, Content-Length) as JSON.'));
    return;
  }
  next(error);
};

/** Keys are the caller's own: a user's, or a guest cart's; a caller with neither cannot use them (a replay would hand out another guest's cart token). */
function idempotencyScope(principal: Principal, key: string): string {
  if (principal.subject !== null) return `user:${principal.subject}`;
  if (principal.cartKey) return `cart:${principal.cartKey}`;
  throw new ValidationError(`Idempotency-Key ${key} needs a bearer token or a Cart-Token to be scoped to.`, [
    { pointer: '/header/idempotency-key', detail: 'send it with Authorization or Cart-Token' },
  ]);
}

function serialize(reply: Reply): StoredReply {
  return {
    status: reply.status,
    headers: reply.headers ?? {},
    body: reply.body === undefined ? null : JSON.stringify(reply.body),
  };
}

function send(res: Response, reply: StoredReply): void {
  const { 'Content-Type': contentType = 'application/json', ...headers } = reply.headers;
  res.status(reply.status).set(headers);
  if (reply.body === null) res.end();
  else res.type(contentType).send(reply.body);
}

function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { pointer: '/header/idempotency-key', detail: '1 to 255 visible ASCII characters' },
    ]);
  }
  return key;
}

/** What makes two requests "the same": method, path and body (canonical JSON, so key order does not matter). */
function fingerprint(req: Request): string {
  const request = canonicalize({ method: req.method, path: req.path, body: req.body ?? null }) ?? '';
  return createHash('sha256').update(request).digest('hex');
}

function expressPath(openApiPath: string): string {
  return openApiPath.replaceAll(/\{(\w+)\}/g, ':$1');
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'path' | 'query' | 'body'): never {
  if (!schema) return undefined as never;
  const result = schema.safeParse(value);
  if (result.success) return result.data as never;
  throw new ValidationError(
    `The request ${where} is not valid.`,
    result.error.issues.map((issue) => ({
      pointer: `/${[where, ...issue.path.map(String)].join('/')}`,
      detail: issue.message,
    })),
  );
}

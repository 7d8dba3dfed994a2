import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { problem, sendProblem } from '../problem.ts';

/**
 * Requests per caller and minute, with the standard `RateLimit` and `RateLimit-Policy` headers
 * (IETF draft 8) and a 429 problem+json past the limit. The caller is its bearer token, else its
 * guest cart token, else its IP address; tokens are keyed by a hash, never stored. Counts are kept
 * per instance (memory): a replica sees its share of a caller's traffic, so the effective limit
 * grows with the replicas behind a balancer — fine for a guard against runaway clients, which is
 * what this is; quotas that must hold exactly would need a shared store.
 */
export function rateLimitPerCaller(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: callerKey,
    handler: (_req, res) => {
      sendProblem(res, problem(429, 'RATE_LIMITED', `More than ${perMinute} requests a minute; see RateLimit and Retry-After.`));
    },
  });
}

function callerKey(req: Request): string {
  const credential = req.headers.authorization ?? req.headers['cart-token'];
  if (typeof credential === 'string' && credential !== '') {
    return `credential:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  }
  return `ip:${ipKeyGenerator(req.ip ?? '')}`;
}

import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { problem, sendProblem } from '../problem.ts';
import { assignRequestId } from '../request-logging.ts';
import { AdaptiveConcurrencyLimit, defaultLimitShape } from './concurrency-limit.ts';

export interface AdmissionLimits {
  /** The most requests served at once; the limit adapts below it (./concurrency-limit.ts). 0: no limit. */
  readonly maxInFlight: number;
  /** Refuse while the event loop's recent p99 delay is above this. 0: not checked. */
  readonly maxEventLoopDelayMs: number;
}

/** How often the event-loop delay is judged, over the samples since the last judgement. */
const judgeEveryMs = 500;

/** Admission control, and the concurrency limit it keeps (for the metrics). */
export interface Admission {
  readonly handler: RequestHandler;
  readonly concurrency: AdaptiveConcurrencyLimit | undefined;
}

/**
 * Admission control in front of the API: when the service is past what it can serve well, a request
 * gets 503 OVERLOADED with Retry-After at once (before it is logged or its body read), so those
 * admitted keep their latency instead of everyone queueing. Refusals are counted by the HTTP metrics,
 * not logged line by line. Long-lived streams are not counted: they hold no worker.
 */
export function admissionControl(
  limits: AdmissionLimits,
  isLongLived: (path: string) => boolean,
  isServing: () => boolean,
): Admission {
  const concurrency = limits.maxInFlight > 0 ? new AdaptiveConcurrencyLimit({ ...defaultLimitShape, max: limits.maxInFlight }) : undefined;
  let loopTooSlow = false;
  if (limits.maxEventLoopDelayMs > 0) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    setInterval(() => {
      // Start-up (module loading, migrations) stalls the loop; only delays while serving count.
      loopTooSlow = isServing() && delay.percentile(99) / 1e6 > limits.maxEventLoopDelayMs;
      delay.reset();
    }, judgeEveryMs).unref();
  }

  const handler: RequestHandler = (req, res, next) => {
    if (isLongLived(req.path)) return next();
    if (loopTooSlow || (concurrency && !concurrency.tryAcquire())) {
      // Answered here, before logging and parsing: a refusal must cost next to nothing.
      assignRequestId(req, res);
      res.setHeader('Retry-After', '1');
      sendProblem(res, problem(503, 'OVERLOADED', 'The service is at capacity; retry shortly.'));
      return;
    }
    if (!concurrency) return next();
    const admittedAt = performance.now();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const route = req.route?.path;
      concurrency.release(res.writableFinished && typeof route === 'string' ? { route: `${req.method} ${route}`, latencyMs: performance.now() - admittedAt } : undefined);
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return { handler, concurrency };
}

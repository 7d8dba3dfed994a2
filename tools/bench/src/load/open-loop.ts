import { Pool } from 'undici';
import type { BenchRequest } from './scenario-requests.ts';

export interface OpenLoopRun {
  /** The connections; kept from warm-up to measured run, as a shop's clients keep theirs alive. */
  readonly pool: Pool;
  /** Requests per second, sent at evenly spaced times. */
  readonly rate: number;
  readonly seconds: number;
  readonly nextRequest: () => BenchRequest;
  /** Each answer: its status and ms from the time it was due to its last byte. */
  readonly onResponse?: (status: number, ms: number) => void;
}

export interface OpenLoopOutcome {
  readonly seconds: number;
  readonly sent: number;
  readonly errors: number;
  readonly timeouts: number;
}

const timeoutMs = 10_000;

/** At most `connections` requests in flight at once: one due while all are busy waits for one, and that wait counts. */
export function openLoopPool(baseUrl: string, connections: number): Pool {
  return new Pool(baseUrl, { connections, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

/**
 * Open-loop load: request k is due at k / rate seconds, whether or not earlier ones were answered, as
 * independent shoppers arrive. (autocannon's rate is per connection and per second: each connection
 * sends its share at the start of every second, so 400 connections at 2 requests/s each are a burst
 * of 800 each second, not 800 requests spread over it.) Latency runs from the time a request was
 * due, so a request that waited for a connection is not measured as fast (no coordinated omission).
 */
export async function runOpenLoop(run: OpenLoopRun): Promise<OpenLoopOutcome> {
  const answers: Promise<void>[] = [];
  let errors = 0;
  let timeouts = 0;
  const send = (dueAt: number) => {
    const request = run.nextRequest();
    return run.pool
      .request({ method: request.method, path: request.path, headers: request.headers, body: request.body ?? null })
      .then(async (response) => {
        await response.body.dump();
        run.onResponse?.(response.statusCode, performance.now() - dueAt);
      })
      .catch((error: { code?: string }) => {
        if (error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT') timeouts += 1;
        else errors += 1;
      });
  };
  const startedAt = performance.now();
  const endAt = startedAt + run.seconds * 1000;
  const intervalMs = 1000 / run.rate;
  let sent = 0;
  for (let now = startedAt; now < endAt; now = performance.now()) {
    for (let dueAt = startedAt + sent * intervalMs; dueAt <= now; dueAt = startedAt + sent * intervalMs) {
      answers.push(send(dueAt));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1, intervalMs)));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await Promise.all(answers);
  return { seconds, sent, errors, timeouts };
}

export type FetchFunction = (request: Request) => Promise<Response>;

export interface RetryPolicy {
  /** Tries in all, the first included; 1 turns retries off. */
  readonly attempts: number;
  /** The first backoff; it doubles each time, with full jitter, capped by `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * Sends the same request again when the network failed or the API said "not now" (503, or 409
 * IDEMPOTENCY_KEY_IN_USE while a first try still runs), but only when that is safe: reads, PUTs,
 * and POSTs that carry an Idempotency-Key. The retry is a clone of the very same Request, so it
 * keeps its Idempotency-Key and the API replays the first answer instead of acting twice. A PUT
 * with If-Match is not sent again after a network failure: if the first one landed, the retry would
 * get a 412 for a change that was made.
 */
export function retryingFetch(send: FetchFunction, policy: RetryPolicy = defaultRetryPolicy): FetchFunction {
  return async (request) => {
    const retrySafe = isRetrySafe(request);
    const safeAfterNetworkFailure = retrySafe && !(request.method === 'PUT' && request.headers.has('if-match'));
    for (let attempt = 1; ; attempt++) {
      const last = !retrySafe || attempt >= policy.attempts;
      const sent = last ? request : request.clone();
      let response: Response;
      try {
        response = await send(sent);
      } catch (error) {
        if (last || !safeAfterNetworkFailure || request.signal.aborted) throw error;
        await sleep(backoff(policy, attempt), request.signal);
        continue;
      }
      if (last || !(await isWorthRetrying(response))) return response;
      await response.body?.cancel();
      await sleep(retryAfterMs(response) ?? backoff(policy, attempt), request.signal);
    }
  };
}

function isRetrySafe(request: Request): boolean {
  switch (request.method) {
    case 'GET':
    case 'HEAD':
    case 'PUT':
      return true;
    case 'POST':
      return request.headers.has('idempotency-key');
    default:
      return false;
  }
}

async function isWorthRetrying(response: Response): Promise<boolean> {
  if (response.status === 503) return true;
  if (response.status !== 409) return false;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === 'IDEMPOTENCY_KEY_IN_USE';
}

function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Retry-After in seconds, capped at 10 s so a client is never parked for long. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 10) * 1000 : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

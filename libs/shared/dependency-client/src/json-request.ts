import type { Dispatcher } from 'undici';

/** Why one attempt failed, and whether another attempt could help. */
export class AttemptFailure extends Error {
  readonly retryable: boolean;

  constructor(reason: string, retryable: boolean, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'AttemptFailure';
    this.retryable = retryable;
  }
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * One attempt: send the request, demand a 2xx, read the whole body and parse it as JSON.
 * Every failure is an AttemptFailure; an abort through `signal` is the caller's timeout.
 */
export async function requestJson(dispatcher: Dispatcher, request: JsonRequest, signal: AbortSignal): Promise<unknown> {
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({ ...request, headers: { ...request.headers }, signal });
  } catch (error) {
    throw transportFailure(error);
  }
  if (response.statusCode < 200 || response.statusCode > 299) {
    // The body is read and dropped so the connection can be reused.
    await response.body.dump().catch(() => undefined);
    throw new AttemptFailure(`answered HTTP ${response.statusCode}`, isRetryableStatus(response.statusCode));
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw transportFailure(error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AttemptFailure('answered a body that is not JSON', false, { cause: error });
  }
}

/** 5xx, 408 and 429 may pass; any other 4xx will be the same on the next try. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

function transportFailure(error: unknown): AttemptFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  return new AttemptFailure(code === undefined ? 'connection failed' : `connection failed (${code})`, true, { cause: error });
}

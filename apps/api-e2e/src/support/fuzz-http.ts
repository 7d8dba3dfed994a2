import { Pool, type Dispatcher } from 'undici';
import type { ContractDocument, SeenResponse } from './openapi-contract.ts';

/** A request exactly as the fuzzer sends it: any method, a raw path, any headers, any body text. */
export interface RawRequest {
  readonly method: string;
  /** Sent as is (not normalised), query string included. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Exchange {
  readonly request: RawRequest;
  readonly response: SeenResponse;
}

/**
 * Sends raw requests over a small keep-alive pool (fetch would refuse a GET with a body and
 * normalise paths), counting them.
 */
export class RawHttp {
  readonly #pool: Pool;
  sent = 0;

  constructor(baseUrl: string, connections = 8) {
    this.#pool = new Pool(baseUrl, { connections });
  }

  async send(request: RawRequest): Promise<Exchange> {
    this.sent += 1;
    const answer = await this.#pool
      .request({ method: request.method as Dispatcher.HttpMethod, path: request.path, headers: request.headers, body: request.body ?? null })
      .catch((error: unknown) => {
        throw new Error(`${request.method} ${request.path} ${JSON.stringify(request.headers)} got no answer: ${String(error)}`, { cause: error });
      });
    const text = await answer.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return { request, response: { status: answer.statusCode, headers, text } };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/** What the fuzzer holds every answer to: no 5xx, nothing the document does not declare. */
export function exchangeFailures(document: ContractDocument, { request, response }: Exchange): string[] {
  const failures = document.violations(request.method, request.path, response);
  if (response.status >= 500) failures.unshift(`answered ${response.status}`);
  return failures;
}

/** A failure report that reproduces the exchange by hand. */
export function describeExchange({ request, response }: Exchange, failures: readonly string[]): string {
  const body = request.body === undefined ? '' : ` body ${JSON.stringify(request.body.length > 300 ? `${request.body.slice(0, 300)}… (${request.body.length} chars)` : request.body)}`;
  return (
    `${request.method} ${request.path} headers ${JSON.stringify(request.headers)}${body}\n` +
    `  → ${response.status} ${response.headers.get('content-type') ?? ''} ${response.text.slice(0, 400)}\n` +
    `  ${failures.join('\n  ')}`
  );
}

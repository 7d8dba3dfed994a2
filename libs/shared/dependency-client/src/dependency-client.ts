import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Pool } from 'undici';
import { noClientMetrics } from './client.metrics.ts';
import type { BreakerState, ClientMetrics } from './client.metrics.ts';
import { DependencyUnavailableError } from './dependency-client.errors.ts';
import { AttemptFailure, requestJson } from './json-request.ts';
import type { JsonRequest } from './json-request.ts';
import { DependencyResilience, outcomeOf } from './resilience.policy.ts';
import { resolveResilience } from './resilience.settings.ts';
import type { ResilienceSettings } from './resilience.settings.ts';

export interface DependencyClientOptions {
  /** Metrics label and error text: 'products' | 'billing' | 'authz'. */
  readonly dependency: string;
  /** e.g. http://127.0.0.1:4001 ; request paths are appended (a path prefix here is kept). */
  readonly baseUrl: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
  /** Sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

const tracer = trace.getTracer('@carteria/dependency-client');

/** A dependency's answers are small JSON documents; anything larger is a fault, not a cart. */
const maxResponseBytes = 4 * 1024 * 1024;

/**
 * JSON over HTTP to one dependency, through a timeout per attempt, retries with jitter for
 * idempotent calls, a circuit breaker, a bulkhead and a deadline per call. Every failure is a
 * DependencyUnavailableError; every call and breaker change is reported to ClientMetrics.
 */
export class DependencyClient {
  readonly #dependency: string;
  readonly #pathPrefix: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #metrics: ClientMetrics;
  readonly #pool: Pool;
  readonly #resilience: DependencyResilience;

  constructor(options: DependencyClientOptions) {
    const settings = resolveResilience(options.resilience);
    const url = new URL(options.baseUrl);
    this.#dependency = options.dependency;
    this.#pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#headers = { accept: 'application/json', ...options.headers };
    this.#metrics = options.metrics ?? noClientMetrics;
    this.#pool = new Pool(url.origin, { connections: settings.bulkheadLimit, maxResponseSize: maxResponseBytes });
    this.#resilience = new DependencyResilience(settings, (state) =>
      this.#metrics.recordBreakerState(this.#dependency, state),
    );
    this.#metrics.recordBreakerState(this.#dependency, this.#resilience.breakerState());
  }

  /** GET baseUrl+path (query given as an object), expects 2xx JSON; `parse` validates the body (throw to reject it). Idempotent: retried. */
  getJson<T>(
    operation: string,
    path: string,
    query: Readonly<Record<string, string>>,
    parse: (body: unknown) => T,
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    const target = this.#target(path) + (search === '' ? '' : `?${search}`);
    return this.#call(operation, true, { method: 'GET', path: target, headers: this.#headers }, parse);
  }

  /** POST a JSON body; retried only when `idempotent` is true (an OPA query is). */
  postJson<T>(
    operation: string,
    path: string,
    body: unknown,
    parse: (body: unknown) => T,
    options?: { idempotent?: boolean },
  ): Promise<T> {
    const request: JsonRequest = {
      method: 'POST',
      path: this.#target(path),
      headers: { ...this.#headers, 'content-type': 'application/json' },
      body: JSON.stringify(body) ?? 'null',
    };
    return this.#call(operation, options?.idempotent === true, request, parse);
  }

  /** The breaker as of the last call: it turns half_open on the first call after breakerHalfOpenAfterMs. */
  breakerState(): BreakerState {
    return this.#resilience.breakerState();
  }

  /** Closes the connection pool, after the calls in flight have ended. Safe to call twice. */
  async close(): Promise<void> {
    if (!this.#pool.closed) await this.#pool.close();
  }

  /** One span per call, around its attempts (each attempt is an HTTP span of its own, with `traceparent`). */
  #call<T>(operation: string, idempotent: boolean, request: JsonRequest, parse: (body: unknown) => T): Promise<T> {
    const attributes = { 'dependency.name': this.#dependency, 'dependency.operation': operation };
    return tracer.startActiveSpan(`${this.#dependency} ${operation}`, { attributes }, async (span) => {
      try {
        return await this.#callWithResilience(operation, idempotent, request, parse);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  async #callWithResilience<T>(operation: string, idempotent: boolean, request: JsonRequest, parse: (body: unknown) => T): Promise<T> {
    const started = performance.now();
    const finish = (outcome: Parameters<ClientMetrics['recordCall']>[0]['outcome']): void =>
      this.#metrics.recordCall({
        dependency: this.#dependency,
        operation,
        outcome,
        durationSeconds: (performance.now() - started) / 1000,
      });
    try {
      const value = await this.#resilience.execute(idempotent, async (signal) => {
        const body = await requestJson(this.#pool, request, signal);
        return parseAnswer(body, parse);
      });
      finish('success');
      return value;
    } catch (error) {
      const outcome = outcomeOf(error);
      finish(outcome);
      throw new DependencyUnavailableError(this.#dependency, `${operation}: ${reasonOf(outcome, error)}`, {
        retryAfterSeconds: this.#resilience.retryAfterSeconds(),
        cause: error,
      });
    }
  }

  #target(path: string): string {
    return this.#pathPrefix + (path.startsWith('/') ? path : `/${path}`);
  }
}

function parseAnswer<T>(body: unknown, parse: (body: unknown) => T): T {
  try {
    return parse(body);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message.slice(0, 200)}` : '';
    throw new AttemptFailure(`answered a body that was rejected${detail}`, false, { cause: error });
  }
}

function reasonOf(outcome: ReturnType<typeof outcomeOf>, error: unknown): string {
  switch (outcome) {
    case 'timeout':
      return 'timed out';
    case 'circuit_open':
      return 'circuit breaker is open';
    case 'rejected':
      return 'too many concurrent calls';
    case 'error':
      return error instanceof Error ? error.message : 'failed';
  }
}

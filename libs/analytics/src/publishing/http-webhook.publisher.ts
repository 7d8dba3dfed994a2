import { noClientMetrics } from '@carteria/dependency-client';
import type { CallOutcome, ClientMetrics } from '@carteria/dependency-client';
import { Pool } from 'undici';
import type { CloudEvent } from '../events/cloud-event.ts';
import { EventPublishError } from './event-publisher.ts';
import type { EventPublisher, PublishOptions } from './event-publisher.ts';

export interface HttpWebhookPublisherOptions {
  /** Where batches are POSTed (ANALYTICS_WEBHOOK_URL); a path is kept. */
  readonly url: string;
  /** How long one POST may take, answer included; default 5000. */
  readonly timeoutMs?: number;
  /** Sent with every request (an Authorization header, say). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Each POST is reported as a call of dependency `analytics`, operation `publish`. */
  readonly metrics?: ClientMetrics;
}

export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents-batch+json';

/** The URL parsed and the timeout defaulted; throws a RangeError on options no publisher could use. */
export function resolveWebhookOptions(options: HttpWebhookPublisherOptions): { url: URL; timeoutMs: number } {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new RangeError('The analytics webhook URL is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError('The analytics webhook URL must be http:// or https://.');
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`timeoutMs must be a positive integer, got ${timeoutMs}.`);
  return { url, timeoutMs };
}

/**
 * POSTs each batch as one CloudEvents JSON batch (`application/cloudevents-batch+json`, an array
 * in (cart, sequence) order). Any 2xx acknowledges the whole batch, whatever its body; anything
 * else, a timeout or a broken connection fails the whole batch, which the relay sends again
 * later (receivers dedupe by event id). No retries here: the relay's backoff is the retry.
 */
export class HttpWebhookPublisher implements EventPublisher {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #timeoutMs: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #metrics: ClientMetrics;

  constructor(options: HttpWebhookPublisherOptions) {
    const { url, timeoutMs } = resolveWebhookOptions(options);
    this.#pool = new Pool(url.origin, { connections: 2 });
    this.#path = `${url.pathname}${url.search}`;
    this.#timeoutMs = timeoutMs;
    this.#headers = { ...options.headers, 'content-type': WEBHOOK_CONTENT_TYPE };
    this.#metrics = options.metrics ?? noClientMetrics;
  }

  async publish(events: readonly CloudEvent[], options?: PublishOptions): Promise<void> {
    if (events.length === 0) return;
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options?.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let outcome: CallOutcome = 'error';
    try {
      const response = await this.#pool.request({
        method: 'POST',
        path: this.#path,
        headers: this.#headers,
        body: JSON.stringify(events),
        signal,
      });
      // The body is read and dropped so that the connection can be reused.
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode > 299) {
        throw new EventPublishError(`The analytics webhook answered HTTP ${response.statusCode}.`);
      }
      outcome = 'success';
    } catch (error) {
      if (timeout.aborted) outcome = 'timeout';
      if (error instanceof EventPublishError) throw error;
      throw new EventPublishError(
        timeout.aborted ? 'The analytics webhook did not answer in time.' : 'The analytics webhook could not be reached.',
        { cause: error },
      );
    } finally {
      this.#metrics.recordCall({
        dependency: 'analytics',
        operation: 'publish',
        outcome,
        durationSeconds: (performance.now() - started) / 1000,
      });
    }
  }

  async close(): Promise<void> {
    if (!this.#pool.closed && !this.#pool.destroyed) await this.#pool.close();
  }
}

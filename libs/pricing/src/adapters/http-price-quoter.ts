import { DependencyClient } from '@carteria/dependency-client';
import type { BreakerState, ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import type { Money } from '@carteria/kernel';
import type { PriceQuoter } from '../ports/price-quoter.ts';
import { distinctQuoteIds } from '../domain/quote-request.ts';
import { readBillingPrices } from './billing-prices.answer.ts';

/** Billing's limit on ids per request; longer lists go as several requests at once. */
export const MAX_IDS_PER_REQUEST = 100;

export interface HttpPriceQuoterOptions {
  /** Billing's base URL, e.g. http://billing:8080; `/prices` is appended. */
  readonly baseUrl: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
}

/**
 * PriceQuoter over Billing's HTTP API (README): `GET /prices?currency=EUR&productIds=a,b,c`.
 * Timeout, retries, breaker and bulkhead come from the dependency client (dependency `billing`);
 * every failure, a refused answer included, is a DependencyUnavailableError.
 */
export class HttpPriceQuoter implements PriceQuoter {
  readonly #client: DependencyClient;

  constructor(options: HttpPriceQuoterOptions) {
    this.#client = new DependencyClient({
      dependency: 'billing',
      baseUrl: options.baseUrl,
      resilience: options.resilience,
      metrics: options.metrics,
    });
  }

  async quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>> {
    const ids = distinctQuoteIds(productIds, currency);
    const answers = await Promise.all(
      chunksOf(ids, MAX_IDS_PER_REQUEST).map((chunk) =>
        this.#client.getJson('quote', '/prices', { currency, productIds: chunk.join(',') }, (body) =>
          readBillingPrices(body, currency, chunk),
        ),
      ),
    );
    return new Map(answers.flat());
  }

  breakerState(): BreakerState {
    return this.#client.breakerState();
  }

  /** Closes the connection pool; the module does it when the container is unbound. */
  close(): Promise<void> {
    return this.#client.close();
  }
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

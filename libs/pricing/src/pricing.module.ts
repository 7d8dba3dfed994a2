import type { ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import { ContainerModule } from 'inversify';
import type { PriceQuoter } from './ports/price-quoter.ts';
import { EmbeddedPriceList } from './adapters/embedded-price-list.ts';
import { HttpPriceQuoter } from './adapters/http-price-quoter.ts';

/** Service identifiers of what this lib binds; the app binds the cart's price port to `quoter`. */
export const PRICING_TOKENS = {
  quoter: Symbol.for('carteria.pricing.PriceQuoter'),
} as const;

export interface PricingModuleOptions {
  /** Billing's base URL (the app's BILLING_URL). Unset: the embedded price list. */
  readonly url?: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
}

/**
 * Binds one PriceQuoter: HttpPriceQuoter when `url` is set, else EmbeddedPriceList. A URL that is
 * not absolute http(s) throws a TypeError here, at composition. Unbinding the container
 * (`unbindAllAsync`) closes Billing's connection pool.
 */
export function pricingModule(options: PricingModuleOptions = {}): ContainerModule {
  const { url, resilience, metrics } = options;
  if (url !== undefined) requireHttpUrl(url);
  return new ContainerModule(({ bind }) => {
    if (url === undefined) {
      bind<PriceQuoter>(PRICING_TOKENS.quoter)
        .toResolvedValue(() => new EmbeddedPriceList())
        .inSingletonScope();
      return;
    }
    bind<HttpPriceQuoter>(PRICING_TOKENS.quoter)
      .toResolvedValue(() => new HttpPriceQuoter({ baseUrl: url, resilience, metrics }))
      .inSingletonScope()
      .onDeactivation((quoter) => quoter.close());
  });
}

function requireHttpUrl(url: string): void {
  const parsed = URL.parse(url);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError(`Billing URL must be an absolute http(s) URL, got ${JSON.stringify(url)}.`);
  }
}

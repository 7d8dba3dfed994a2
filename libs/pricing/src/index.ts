export type { PriceQuoter } from './ports/price-quoter.ts';
export { EmbeddedPriceList } from './adapters/embedded-price-list.ts';
export type { EmbeddedPriceListOptions } from './adapters/embedded-price-list.ts';
export { HttpPriceQuoter, MAX_IDS_PER_REQUEST } from './adapters/http-price-quoter.ts';
export type { HttpPriceQuoterOptions } from './adapters/http-price-quoter.ts';
export { PRICING_TOKENS, pricingModule } from './pricing.module.ts';
export type { PricingModuleOptions } from './pricing.module.ts';

import { readFileSync } from 'node:fs';
import { money } from '@carteria/kernel';
import type { Money } from '@carteria/kernel';
import type { PriceQuoter } from '../ports/price-quoter.ts';
import { distinctQuoteIds } from '../domain/quote-request.ts';
import { priceListSchema } from './price-list.schema.ts';

/** The price list shipped with the lib, used when no Billing URL is configured. */
export const SHIPPED_PRICE_LIST = new URL('../data/prices.json', import.meta.url);

export interface EmbeddedPriceListOptions {
  /** Another file of the same shape, for tests; the shipped list otherwise. */
  readonly file?: string | URL;
}

/**
 * The default PriceQuoter: a JSON price list read and validated once, when it is built (a bad file
 * stops the service at start, not on the first cart write). Never calls anything afterwards.
 */
export class EmbeddedPriceList implements PriceQuoter {
  readonly #prices: ReadonlyMap<string, ReadonlyMap<string, Money>>;

  constructor(options: EmbeddedPriceListOptions = {}) {
    const file = options.file ?? SHIPPED_PRICE_LIST;
    const parsed = priceListSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new TypeError(`Price list ${String(file)} is invalid: ${parsed.error.message}`);
    }
    this.#prices = new Map(
      Object.entries(parsed.data.prices).map(([currency, byProduct]) => [
        currency,
        new Map(Object.entries(byProduct).map(([id, amount]) => [id, money(amount, currency)])),
      ]),
    );
  }

  async quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>> {
    const ids = distinctQuoteIds(productIds, currency);
    const prices = this.#prices.get(currency);
    const quoted = new Map<string, Money>();
    for (const id of ids) {
      const price = prices?.get(id);
      if (price !== undefined) quoted.set(id, price);
    }
    return quoted;
  }
}

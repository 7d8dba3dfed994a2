import { warmUpHttpClient } from '@carteria/dependency-client/testing';
import { Container } from 'inversify';
import { EmbeddedPriceList } from './adapters/embedded-price-list.ts';
import { startFakeBilling } from './adapters/fake-billing.server.ts';
import { HttpPriceQuoter } from './adapters/http-price-quoter.ts';
import type { PriceQuoter } from './ports/price-quoter.ts';
import { PRICING_TOKENS, pricingModule } from './pricing.module.ts';

describe('pricingModule', () => {
  beforeAll(() => warmUpHttpClient());

  it('binds the embedded price list, one instance, when no URL is given', async () => {
    const container = new Container();
    container.load(pricingModule());

    const quoter = container.get<PriceQuoter>(PRICING_TOKENS.quoter);
    expect(quoter).toBeInstanceOf(EmbeddedPriceList);
    expect(container.get(PRICING_TOKENS.quoter)).toBe(quoter);
    expect((await quoter.quote(['sku-001'], 'EUR')).has('sku-001')).toBe(true);
  });

  it('binds the Billing HTTP quoter when a URL is given, and closes it when unbound', async () => {
    const billing = await startFakeBilling({ EUR: { 'sku-001': 1250 } });
    try {
      const container = new Container();
      container.load(pricingModule({ url: billing.url, resilience: { timeoutMs: 500 } }));

      const quoter = container.get<PriceQuoter>(PRICING_TOKENS.quoter);
      expect(quoter).toBeInstanceOf(HttpPriceQuoter);
      expect(container.get(PRICING_TOKENS.quoter)).toBe(quoter);
      await expect(quoter.quote(['sku-001'], 'EUR')).resolves.toEqual(
        new Map([['sku-001', { amount: 1250, currency: 'EUR' }]]),
      );
      await container.unbindAllAsync();
      await expect(quoter.quote(['sku-001'], 'EUR')).rejects.toThrow(/billing/i);
    } finally {
      await billing.close();
    }
  });

  it('refuses a Billing URL that is not absolute http(s) when the module is made', () => {
    for (const url of ['', 'billing:8080', '/prices', 'ftp://billing']) {
      expect(() => pricingModule({ url })).toThrow(TypeError);
    }
  });
});

import { CurrencyMismatchError, money } from '@carteria/kernel';
import { EmbeddedPriceList } from '../adapters/embedded-price-list.ts';
import { priceChanged, quoteOne } from './price-rules.ts';

describe('priceChanged', () => {
  it('is false for the same amount and true when the amount moved either way', () => {
    expect(priceChanged(money(1250, 'EUR'), money(1250, 'EUR'))).toBe(false);
    expect(priceChanged(money(1250, 'EUR'), money(1290, 'EUR'))).toBe(true);
    expect(priceChanged(money(1250, 'EUR'), money(990, 'EUR'))).toBe(true);
  });

  it('refuses to compare prices in two currencies', () => {
    expect(() => priceChanged(money(1250, 'EUR'), money(1250, 'USD'))).toThrow(CurrencyMismatchError);
  });
});

describe('quoteOne', () => {
  const prices = new EmbeddedPriceList();

  it('gives the unit price of one product, or undefined when it has none in that currency', async () => {
    const price = await quoteOne(prices, 'sku-001', 'EUR');
    expect(price?.currency).toBe('EUR');
    expect(Number.isSafeInteger(price?.amount)).toBe(true);
    await expect(quoteOne(prices, 'sku-300', 'EUR')).resolves.toBeUndefined();
    await expect(quoteOne(prices, 'sku-051', 'SEK')).resolves.toBeUndefined();
  });
});

import { distinctQuoteIds } from './quote-request.ts';

describe('distinctQuoteIds', () => {
  it('keeps each id once, in first-seen order', () => {
    expect(distinctQuoteIds(['sku-002', 'sku-001', 'sku-002'], 'EUR')).toEqual(['sku-002', 'sku-001']);
    expect(distinctQuoteIds([], 'EUR')).toEqual([]);
  });

  it('throws RangeError on a malformed currency or product id (a caller bug, never a missing price)', () => {
    for (const currency of ['eur', 'EURO', '', 'E R']) {
      expect(() => distinctQuoteIds(['sku-001'], currency)).toThrow(RangeError);
    }
    for (const id of ['', 'a,b', 'sku 1', 'x'.repeat(65), 'é']) {
      expect(() => distinctQuoteIds([id], 'EUR')).toThrow(RangeError);
    }
  });
});

import { isIsoCurrencyCode } from './currency-code.ts';
import { addMoney, CurrencyMismatchError, money, multiplyMoney, sameMoney, sumMoney } from './money.ts';

describe('Money', () => {
  it('holds whole minor units of an ISO 4217 currency only', () => {
    expect(money(1999, 'EUR')).toEqual({ amount: 1999, currency: 'EUR' });
    expect(() => money(19.99, 'EUR')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
    expect(() => money(1, 'eur')).toThrow(RangeError);
  });

  it('adds, multiplies and sums exactly', () => {
    expect(addMoney(money(1, 'EUR'), money(2, 'EUR'))).toEqual(money(3, 'EUR'));
    expect(multiplyMoney(money(1250, 'EUR'), 3)).toEqual(money(3750, 'EUR'));
    expect(sumMoney([money(10, 'SEK'), money(20, 'SEK')], 'SEK')).toEqual(money(30, 'SEK'));
    expect(sumMoney([], 'SEK')).toEqual(money(0, 'SEK'));
    expect(sameMoney(money(1, 'EUR'), money(1, 'EUR'))).toBe(true);
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([money(1, 'USD')], 'EUR')).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });

  it('knows the active ISO 4217 codes', () => {
    expect(['EUR', 'USD', 'SEK'].every(isIsoCurrencyCode)).toBe(true);
    expect(['eur', 'XYZ', 'EURO', ''].some(isIsoCurrencyCode)).toBe(false);
  });

  it('refuses amounts that would lose precision', () => {
    expect(() => multiplyMoney(money(Number.MAX_SAFE_INTEGER, 'EUR'), 2)).toThrow(RangeError);
  });
});

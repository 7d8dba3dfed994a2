import { formatMoney } from '../public/js/money.js';

describe('formatMoney', () => {
  it('shows integer minor units in the currency', () => {
    expect(formatMoney({ amount: 1250, currency: 'EUR' })).toBe('€12.50');
    expect(formatMoney({ amount: 5, currency: 'EUR' })).toBe('€0.05');
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toMatch(/¥1,200$/);
  });
});

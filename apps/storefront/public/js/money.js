/** @typedef {{ amount: number, currency: string }} Money */

/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/** @param {string} currency */
function formatFor(currency) {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/**
 * Integer minor units as a person reads them: {amount: 1250, currency: 'EUR'} → "€12.50".
 * @param {Money} money
 * @returns {string}
 */
export function formatMoney(money) {
  const format = formatFor(money.currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

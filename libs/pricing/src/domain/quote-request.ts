/** A product id as API.md defines it: 1 to 64 of `[A-Za-z0-9._:-]`, so never a comma. */
export const PRODUCT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** The shape of an ISO 4217 code. Whether the code exists is the price source's business. */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

/**
 * Checks a quote request and returns its distinct product ids, in first-seen order. A malformed
 * currency or id is a bug of the caller (the HTTP edge validates both), so it throws RangeError,
 * as kernel's `money` does.
 */
export function distinctQuoteIds(productIds: readonly string[], currency: string): string[] {
  if (!CURRENCY_CODE_PATTERN.test(currency)) {
    throw new RangeError(`A quote needs an ISO 4217 currency code, got ${JSON.stringify(currency)}.`);
  }
  const ids = [...new Set(productIds)];
  const bad = ids.find((id) => !PRODUCT_ID_PATTERN.test(id));
  if (bad !== undefined) throw new RangeError(`Not a product id: ${JSON.stringify(bad)}.`);
  return ids;
}

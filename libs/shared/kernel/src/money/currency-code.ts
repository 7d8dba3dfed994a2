// The runtime's ICU knows the active ISO 4217 codes; no hand-kept list to go stale.
const activeCodes: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** True for an active ISO 4217 code such as EUR, USD or SEK. */
export function isIsoCurrencyCode(code: string): boolean {
  return activeCodes.has(code);
}

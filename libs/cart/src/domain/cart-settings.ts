/** How big a cart may grow; the app reads them from configuration. */
export interface CartLimits {
  readonly maxQuantityPerLine: number;
  readonly maxLinesPerCart: number;
}

export interface CartSettings extends CartLimits {
  /** ISO 4217 code of new carts that name none. */
  readonly defaultCurrency: string;
}

export const defaultCartSettings: CartSettings = {
  maxQuantityPerLine: 999,
  maxLinesPerCart: 100,
  defaultCurrency: 'EUR',
};

import { createHash } from 'node:crypto';
import type { ApiClient, ApiResponse } from './api-client.ts';
import { money, priceOf, product } from './catalog.data.ts';
import type { CheckoutBody, CheckoutLineBody } from './checkout.types.ts';

/** A line as the shopper confirmed it; `unitAmount` defaults to the shipped price. */
export interface ConfirmedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitAmount?: number;
}

export interface ConfirmedCart {
  readonly cartId: string;
  readonly ownerId: string;
  readonly confirmedVersion: number;
  readonly lines: readonly ConfirmedLine[];
  readonly currency?: string;
}

/** `POST /v1/carts/{cartId}/checkout`, with If-Match when `version` is given. */
export function checkOut(
  client: ApiClient,
  cartId: string,
  version?: number | string,
  headers: Readonly<Record<string, string>> = {},
): Promise<ApiResponse<CheckoutBody>> {
  const ifMatch: Record<string, string> = version === undefined ? {} : { 'if-match': typeof version === 'number' ? `"${version}"` : version };
  return client.request('POST', `/v1/carts/${cartId}/checkout`, { headers: { ...ifMatch, ...headers } });
}

/**
 * The checkout API.md promises for a confirmed cart, computed from the shipped catalog and prices
 * (or the amounts given): every field but `checkedOutAt`, and the hash recomputed independently.
 */
export function expectedCheckout(confirmed: ConfirmedCart): Omit<CheckoutBody, 'checkedOutAt'> {
  const currency = confirmed.currency ?? 'EUR';
  const lines: CheckoutLineBody[] = confirmed.lines.map(({ productId, quantity, unitAmount }) => {
    const amount = unitAmount ?? priceOf(productId, currency);
    if (amount === undefined) throw new Error(`${productId} has no shipped ${currency} price`);
    return {
      productId,
      name: product(productId).name,
      quantity,
      unitPrice: money(amount, currency),
      lineTotal: money(amount * quantity, currency),
    };
  });
  const content = {
    cartId: confirmed.cartId,
    ownerId: confirmed.ownerId,
    currency,
    confirmedVersion: confirmed.confirmedVersion,
    version: confirmed.confirmedVersion + 1,
    lines,
    totals: {
      lines: lines.length,
      quantity: lines.reduce((sum, line) => sum + line.quantity, 0),
      subtotal: money(lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency),
    },
  };
  return { ...content, contentHash: contentHashOf(content) };
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a checkout without `checkedOutAt` and `contentHash`. */
export function contentHashOf(checkout: Readonly<Record<string, unknown>>): string {
  const { checkedOutAt: _at, contentHash: _hash, ...content } = checkout;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * RFC 8785 (JCS) for the values a checkout holds: strings, safe integers, booleans, null, arrays
 * and objects (members sorted by UTF-16 code units, which is what `sort()` compares).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer a checkout may hold: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  throw new Error(`a checkout holds no ${typeof value}`);
}

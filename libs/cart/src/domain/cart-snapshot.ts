import type { Money } from '@carteria/kernel';

export type CartStatus = 'active' | 'checked_out';

export interface CartLine {
  readonly productId: string;
  readonly quantity: number;
  /** Orders lines by first insertion; unique within a cart. */
  readonly position: number;
  /** Product details and price as Products and Billing gave them when the line last changed. */
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: Money;
  /** The unit price when the line was first added, to tell the shopper it moved. */
  readonly addedUnitPrice: Money;
  /** Units on hand when the line last changed. */
  readonly stock: number;
  readonly addedAt: Date;
  readonly updatedAt: Date;
}

/** A cart's whole state as stored and as returned to callers: plain, immutable data. */
export interface CartSnapshot {
  readonly id: string;
  /** The signed-in owner; null for a guest cart. */
  readonly ownerId: string | null;
  /** A guest cart's key: SHA-256 (hex) of its secret cart token. Null once owned. */
  readonly guestKey: string | null;
  readonly status: CartStatus;
  readonly currency: string;
  /** Raised by exactly one on each change; the HTTP ETag. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** In position order. */
  readonly lines: readonly CartLine[];
}

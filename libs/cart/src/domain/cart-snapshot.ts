export type CartStatus = 'active' | 'checked_out';

export interface CartLine {
  readonly productId: string;
  readonly quantity: number;
  /** Orders lines by first insertion; unique within a cart. */
  readonly position: number;
  readonly addedAt: Date;
  readonly updatedAt: Date;
}

/** A cart's whole state as stored and as returned to callers: plain, immutable data. */
export interface CartSnapshot {
  readonly id: string;
  readonly ownerId: string | null;
  readonly status: CartStatus;
  readonly currency: string;
  /** Raised by exactly one on each change; the HTTP ETag. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** In position order. */
  readonly lines: readonly CartLine[];
}

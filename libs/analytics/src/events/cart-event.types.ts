/** Every kind of change a cart reports, in the words of the outbox row's `type` and the CloudEvent's `type`. */
export const CART_EVENT_TYPES = [
  'cart.created',
  'cart.item_added',
  'cart.item_quantity_changed',
  'cart.item_removed',
  'cart.emptied',
  'cart.deleted',
  'cart.checked_out',
  'cart.repriced',
  'cart.merged',
  'cart.claimed',
  'cart.expired',
] as const;

export type CartEventType = (typeof CART_EVENT_TYPES)[number];

export function isCartEventType(value: string): value is CartEventType {
  return (CART_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * One row of `cart_events`, the transactional outbox the cart lib writes in the same transaction as
 * the change. `sequence` is the cart's version after the change.
 */
export interface CartEventRecord {
  readonly cartId: string;
  readonly sequence: number;
  /** UUIDv7; the CloudEvent id, and what consumers dedupe by. */
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

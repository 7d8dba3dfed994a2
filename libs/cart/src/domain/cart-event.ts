import { newId } from '@carteria/kernel';
import type { CartSnapshot } from './cart-snapshot.ts';

export type CartEventType =
  | 'cart.created'
  | 'cart.item_added'
  | 'cart.item_quantity_changed'
  | 'cart.item_removed'
  | 'cart.emptied'
  | 'cart.deleted'
  | 'cart.checked_out'
  | 'cart.repriced'
  | 'cart.merged'
  | 'cart.claimed'
  | 'cart.expired';

/**
 * What one change did, for Business Analytics and the cart's history. Written with the change, in
 * the same transaction; `sequence` is the cart's version after the change, so a cart's events are
 * numbered without gaps in the order they happened.
 */
export interface CartEvent {
  readonly id: string;
  readonly type: CartEventType;
  readonly cartId: string;
  readonly sequence: number;
  readonly occurredAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An event about `cart` as it is after the change; `data` always names the cart, owner and version. */
export function cartEvent(
  type: CartEventType,
  cart: Pick<CartSnapshot, 'id' | 'ownerId' | 'version'>,
  occurredAt: Date,
  details: Readonly<Record<string, unknown>> = {},
): CartEvent {
  return {
    id: newId(),
    type,
    cartId: cart.id,
    sequence: cart.version,
    occurredAt,
    data: { cartId: cart.id, ownerId: cart.ownerId, version: cart.version, ...details },
  };
}

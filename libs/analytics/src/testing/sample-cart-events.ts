import type { Database } from '@carteria/db';
import { newId } from '@carteria/kernel';
import type { CartEventRecord, CartEventType } from '../events/cart-event.types.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** The type-specific part of `data` for each event type, as the cart lib writes it. */
export const sampleEventDetails: Readonly<Record<CartEventType, Readonly<Record<string, unknown>>>> = {
  'cart.created': { currency: 'EUR' },
  'cart.item_added': { productId: 'sku-42', quantity: 2, lineQuantity: 3, unitPrice: eur(1250) },
  'cart.item_quantity_changed': { productId: 'sku-42', previousQuantity: 3, quantity: 5, unitPrice: eur(1250) },
  'cart.item_removed': { productId: 'sku-42', previousQuantity: 5 },
  'cart.emptied': { removedLines: 2 },
  'cart.deleted': {},
  'cart.checked_out': {
    contentHash: 'a3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdef0123',
    subtotal: eur(6250),
    lines: 1,
    quantity: 5,
  },
  'cart.repriced': { subtotal: eur(6000) },
  'cart.merged': { sourceCartId: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a99', lines: 2, unitsLeftOut: 0 },
  'cart.claimed': {},
  'cart.expired': {},
};

/** One outbox row as the cart lib writes it: `data` names the cart, owner and version, then the details. */
export function cartEventRecord(
  type: CartEventType,
  options: { cartId: string; sequence: number; ownerId?: string | null; occurredAt?: Date; details?: Record<string, unknown> },
): CartEventRecord {
  const { cartId, sequence } = options;
  return {
    cartId,
    sequence,
    id: newId(),
    type,
    occurredAt: options.occurredAt ?? new Date(),
    data: {
      cartId,
      ownerId: options.ownerId === undefined ? null : options.ownerId,
      version: sequence,
      ...(options.details ?? sampleEventDetails[type]),
    },
  };
}

/** Writes outbox rows, each in its own transaction, as the cart lib's changes do. */
export async function insertCartEvents(database: Database, records: readonly CartEventRecord[]): Promise<void> {
  for (const record of records) {
    await database.prisma.cartEvent.create({
      data: { ...record, data: record.data as Record<string, string | number | boolean | null | object> },
    });
  }
}

import type { CartEventRecord } from './cart-event.types.ts';

/** The `source` of every cart event; `subject` names the cart. */
export const CART_EVENT_SOURCE = '/carteria/carts';

/** Digits of the `sequence` attribute: a PostgreSQL INTEGER (the cart's version) never has more. */
const sequenceDigits = 10;

/**
 * A cart event as a CloudEvents 1.0 JSON document (structured mode), with the `sequence` extension.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 */
export interface CloudEvent {
  readonly specversion: '1.0';
  /** UUIDv7, unique per event: consumers dedupe by it. */
  readonly id: string;
  readonly source: typeof CART_EVENT_SOURCE;
  readonly type: string;
  /** The cart's id. */
  readonly subject: string;
  /** When the change happened (RFC 3339, UTC, milliseconds). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /**
   * The cart's version after the change, zero-padded to 10 digits ("0000000007"): the sequence
   * extension demands that string order is event order, and padding makes string order and numeric
   * order the same. Orders events of one subject (cart) only.
   */
  readonly sequence: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function toCloudEvent(row: CartEventRecord): CloudEvent {
  return {
    specversion: '1.0',
    id: row.id,
    source: CART_EVENT_SOURCE,
    type: row.type,
    subject: row.cartId,
    time: row.occurredAt.toISOString(),
    datacontenttype: 'application/json',
    sequence: formatSequence(row.sequence),
    data: row.data,
  };
}

/** 7 → "0000000007". */
export function formatSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > 2_147_483_647) {
    throw new RangeError(`An event sequence is a cart version (0..2147483647), got ${sequence}.`);
  }
  return String(sequence).padStart(sequenceDigits, '0');
}

/** "0000000007" → 7; what consumers compare when they order one cart's events. */
export function parseSequence(sequence: string): number {
  if (!/^\d{1,10}$/.test(sequence)) throw new RangeError(`Not an event sequence: ${JSON.stringify(sequence)}.`);
  return Number(sequence);
}

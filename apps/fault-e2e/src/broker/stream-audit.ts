import pg from 'pg';
import type { StreamedEvent } from './cart-stream.ts';

/** One row of the `cart_events` outbox: what the stream must end up holding. */
export interface StoredEvent {
  readonly cartId: string;
  readonly sequence: number;
  readonly id: string;
  readonly published: boolean;
}

export interface StreamAudit {
  readonly stored: number;
  readonly streamed: number;
  readonly distinct: number;
  /** Stored events that never reached the stream. */
  readonly missing: readonly string[];
  /** Stream messages that are no stored event. */
  readonly unknown: readonly string[];
  /** Messages beyond the first of an id (at-least-once re-deliveries). */
  readonly redeliveries: number;
  /** Carts whose events, by first arrival, are not the stored sequences in order. */
  readonly outOfOrder: readonly string[];
}

/** Every event in the outbox, or those of `cartIds`, in (cart, sequence) order. */
export async function readStoredEvents(databaseUrl: string, cartIds?: readonly string[]): Promise<StoredEvent[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const filter = cartIds ? 'WHERE cart_id = ANY($1::uuid[])' : '';
    const { rows } = await client.query<{ cart_id: string; sequence: number; id: string; published: boolean }>(
      `SELECT cart_id, sequence, id, published_at IS NOT NULL AS published FROM cart_events ${filter} ORDER BY cart_id, sequence`,
      cartIds ? [cartIds] : [],
    );
    return rows.map((row) => ({ cartId: row.cart_id, sequence: row.sequence, id: row.id, published: row.published }));
  } finally {
    await client.end();
  }
}

/**
 * Compares the outbox with the stream as a consumer reads it (dropping repeated ids): nothing
 * missing, nothing unknown, and each cart's events first arriving in version order.
 */
export function auditStream(stored: readonly StoredEvent[], streamed: readonly StreamedEvent[]): StreamAudit {
  const storedIds = new Set(stored.map((event) => event.id));
  const seen = new Set<string>();
  const arrivals = new Map<string, number[]>();
  let redeliveries = 0;
  for (const message of streamed) {
    if (seen.has(message.id)) {
      redeliveries += 1;
      continue;
    }
    seen.add(message.id);
    if (!storedIds.has(message.id)) continue;
    arrivals.set(message.cartId, [...(arrivals.get(message.cartId) ?? []), message.sequence]);
  }
  const expected = new Map<string, number[]>();
  for (const event of stored) expected.set(event.cartId, [...(expected.get(event.cartId) ?? []), event.sequence]);
  const outOfOrder = [...expected]
    .filter(([cartId, sequences]) => (arrivals.get(cartId) ?? []).join(',') !== sequences.join(','))
    .map(([cartId, sequences]) => `${cartId}: stored ${sequences.join(',')}, arrived ${(arrivals.get(cartId) ?? []).join(',')}`);
  return {
    stored: stored.length,
    streamed: streamed.length,
    distinct: seen.size,
    missing: stored.filter((event) => !seen.has(event.id)).map((event) => `${event.cartId}/${event.sequence}`),
    unknown: [...seen].filter((id) => !storedIds.has(id)),
    redeliveries,
    outOfOrder,
  };
}

/** Polls until `condition` holds; throws `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

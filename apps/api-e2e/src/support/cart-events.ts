import type { ApiClient, ApiResponse } from './api-client.ts';
import type { CartEventBody, EventPageBody } from './cart-event.types.ts';

/** Every event of a cart through `GET /v1/carts/{cartId}/events`, following `nextCursor` to the end. */
export async function readHistory(client: ApiClient, cartId: string, limit = 100): Promise<CartEventBody[]> {
  const events: CartEventBody[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page += 1) {
    const query: URLSearchParams = new URLSearchParams({ limit: String(limit), ...(cursor === null ? {} : { cursor }) });
    const response: ApiResponse<EventPageBody> = await client.request<EventPageBody>('GET', `/v1/carts/${cartId}/events?${query.toString()}`);
    if (response.status !== 200) throw new Error(`GET events of ${cartId}: ${response.status} ${response.text}`);
    events.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (cursor === null) return events;
  }
  throw new Error(`the events of ${cartId} never ended`);
}

/** 7 → 1..7 */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

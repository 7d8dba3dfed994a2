import type { ApiClient } from './api-client.ts';
import type { CartBody } from './api.types.ts';

/** The cart reads back exactly as it was before the request (version, lines, totals, timestamps). */
export async function expectCartUnchanged(client: ApiClient, before: CartBody): Promise<void> {
  const after = await client.getCart(before.id);
  expect(after.status).toBe(200);
  expect(after.body).toStrictEqual(before);
}

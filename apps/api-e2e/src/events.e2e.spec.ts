import { ApiClient, customerWithCart, newCustomer } from './support/api-client.ts';
import type { EventPageBody } from './support/cart-event.types.ts';
import { oneTo, readHistory } from './support/cart-events.ts';
import { priceOf, sellableIds } from './support/catalog.data.ts';
import { checkOut } from './support/checkout.data.ts';
import { backends } from './support/e2e-environment.ts';
import { schemaErrors } from './support/event-schemas.ts';
import { expectProblem } from './support/problem.assertions.ts';

const [p1, p2] = sellableIds(2) as [string, string];
const eur = (productId: string) => ({ amount: priceOf(productId, 'EUR') ?? NaN, currency: 'EUR' });
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const eventsPath = (cartId: string, query = '') => `/v1/carts/${cartId}/events${query}`;

describe.each(backends())("a cart's event history ($name)", (backend) => {
  /** create, add, add, set, remove, empty, add, checkout: versions 1..8. */
  async function cartWithFullHistory() {
    const owner = await customerWithCart(backend);
    const { client, cart } = owner;
    const steps = [
      () => client.addItem(cart.id, p1, 2),
      () => client.addItem(cart.id, p2, 1),
      () => client.setQuantity(cart.id, p1, 5),
      () => client.removeItem(cart.id, p2),
      () => client.emptyCart(cart.id),
      () => client.addItem(cart.id, p1, 3),
    ];
    for (const step of steps) expect((await step()).status).toBe(200);
    const checkout = await checkOut(client, cart.id, 7);
    expect(checkout.status).toBe(200);
    return owner;
  }

  it('lists exactly the changes, oldest first, sequence = version = 1..n, each valid against its JSON Schema', async () => {
    const { client, cart, userId } = await cartWithFullHistory();

    const response = await client.request<EventPageBody>('GET', eventsPath(cart.id));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.nextCursor).toBeNull();
    const events = response.body.items;
    expect(events.map((event) => event.type)).toEqual([
      'cart.created',
      'cart.item_added',
      'cart.item_added',
      'cart.item_quantity_changed',
      'cart.item_removed',
      'cart.emptied',
      'cart.item_added',
      'cart.checked_out',
    ]);
    expect(events.map((event) => Number(event.sequence))).toEqual(oneTo(8));
    expect(events.map((event) => event.sequence)).toEqual(oneTo(8).map((n) => String(n).padStart(10, '0')));
    for (const event of events) {
      expect({ type: event.type, errors: schemaErrors(event) }).toEqual({ type: event.type, errors: [] });
      expect(event).toEqual(
        expect.objectContaining({ specversion: '1.0', source: '/carteria/carts', subject: cart.id, id: expect.stringMatching(uuidV7) }),
      );
      expect(event.data).toEqual(expect.objectContaining({ cartId: cart.id, ownerId: userId, version: Number(event.sequence) }));
    }
    expect(new Set(events.map((event) => event.id)).size).toBe(8);
    const times = events.map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.map((event) => event.data)).toEqual([
      expect.objectContaining({ currency: 'EUR' }),
      expect.objectContaining({ productId: p1, quantity: 2, lineQuantity: 2, unitPrice: eur(p1) }),
      expect.objectContaining({ productId: p2, quantity: 1, lineQuantity: 1, unitPrice: eur(p2) }),
      expect.objectContaining({ productId: p1, previousQuantity: 2, quantity: 5, unitPrice: eur(p1) }),
      expect.objectContaining({ productId: p2, previousQuantity: 1 }),
      expect.objectContaining({ removedLines: 1 }),
      expect.objectContaining({ productId: p1, quantity: 3, lineQuantity: 3, unitPrice: eur(p1) }),
      expect.objectContaining({
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        subtotal: { amount: 3 * eur(p1).amount, currency: 'EUR' },
        quantity: 3,
      }),
    ]);
  });

  it('pages with limit and nextCursor: the pages together are the whole history, in order', async () => {
    const { client, cart } = await cartWithFullHistory();
    const whole = (await client.request<EventPageBody>('GET', eventsPath(cart.id, '?limit=100'))).body.items;

    const first = await client.request<EventPageBody>('GET', eventsPath(cart.id, '?limit=3'));
    const second = await client.request<EventPageBody>('GET', eventsPath(cart.id, `?limit=3&cursor=${first.body.nextCursor ?? ''}`));
    const third = await client.request<EventPageBody>('GET', eventsPath(cart.id, `?limit=3&cursor=${second.body.nextCursor ?? ''}`));

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect([first.body.items.length, second.body.items.length, third.body.items.length]).toEqual([3, 3, 2]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.nextCursor).toEqual(expect.any(String));
    expect(third.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items, ...third.body.items]).toStrictEqual(whole);
    expect(await readHistory(client, cart.id, 1)).toStrictEqual(whole);
  });

  it('a bad cursor or limit is a 400', async () => {
    const { client, cart } = await customerWithCart(backend);

    for (const query of ['?cursor=not-a-cursor', '?limit=0', '?limit=101', '?limit=abc']) {
      const response = await client.request('GET', eventsPath(cart.id, query));
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it('a stranger gets 404 CART_NOT_FOUND, the owner after deleting the cart too', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);
    const stranger = await newCustomer(backend);

    expectProblem(await stranger.client.request('GET', eventsPath(cart.id)), 404, 'CART_NOT_FOUND');
    expect((await client.deleteCart(cart.id)).status).toBe(204);
    expectProblem(await client.request('GET', eventsPath(cart.id)), 404, 'CART_NOT_FOUND');
    const reader = await newCustomer(backend, { scopes: ['carts:read'] });
    expectProblem(await reader.client.request('GET', eventsPath(cart.id)), 404, 'CART_NOT_FOUND');
  });

  it('a caller with carts:read reads any cart history; without a token it is 401', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);
    const reader = await newCustomer(backend, { scopes: ['carts:read'] });

    const read = await reader.client.request<EventPageBody>('GET', eventsPath(cart.id));

    expect(read.status).toBe(200);
    expect(read.body).toStrictEqual((await client.request<EventPageBody>('GET', eventsPath(cart.id))).body);
    expect(read.body.items.map((event) => event.type)).toEqual(['cart.created', 'cart.item_added']);
    const anonymous = await new ApiClient(backend.baseUrl).request('GET', eventsPath(cart.id));
    expect(anonymous.status).toBe(401);
  });
});

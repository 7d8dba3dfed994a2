import { customerWithCart, newCustomer, type ApiClient, type ApiResponse } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { expectCartUnchanged } from './support/cart.assertions.ts';
import { catalogProducts, firstProduct, money, priceOf, pricedLine, sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

// Everything expected here is computed from the data files the api ships
// (libs/products/src/data/products.json, libs/pricing/src/data/prices.json), never copied by hand.
const sellable = sellableIds(200);
const [coffee, kitchen, book] = [sellable[0], sellable[60], sellable[110]] as [string, string, string];
const outOfStock = firstProduct('active, priced in EUR, out of stock', (p) => p.active && p.stock === 0 && priceOf(p.id, 'EUR') !== undefined);
const lowStock = firstProduct('active, priced in EUR, 2 or 3 in stock', (p) => p.active && p.stock >= 2 && p.stock <= 3 && priceOf(p.id, 'EUR') !== undefined);
const inactive = firstProduct('inactive and priced in EUR', (p) => !p.active && priceOf(p.id, 'EUR') !== undefined);
const noEurPrice = firstProduct('active, in stock, without an EUR price', (p) => p.active && p.stock > 0 && priceOf(p.id, 'EUR') === undefined);
const unknownId = 'sku-999';
if (catalogProducts.some((p) => p.id === unknownId)) throw new Error(`${unknownId} was meant to be unknown`);
const usdPriced = firstProduct('active, in stock, priced in USD', (p) => p.active && p.stock >= 5 && priceOf(p.id, 'USD') !== undefined);
const noUsdPrice = firstProduct('active, in stock, priced in EUR but not in USD', (p) => p.active && p.stock >= 5 && priceOf(p.id, 'EUR') !== undefined && priceOf(p.id, 'USD') === undefined);
const sekPriced = firstProduct('active, in stock, priced in SEK', (p) => p.active && p.stock >= 5 && priceOf(p.id, 'SEK') !== undefined);

const utcTimestamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const line = (productId: string, quantity: number, currency = 'EUR') => ({
  ...pricedLine(productId, quantity, currency),
  addedAt: utcTimestamp,
  updatedAt: utcTimestamp,
});
const subtotalOf = (lines: readonly [string, number][], currency = 'EUR') =>
  money(lines.reduce((sum, [id, quantity]) => sum + (priceOf(id, currency) ?? NaN) * quantity, 0), currency);

/** A cart of the customer's that already holds one line, as it reads now. */
async function cartWithALine(client: ApiClient, cartId: string): Promise<CartBody> {
  const added = await client.addItem(cartId, coffee, 2);
  expect(added.status).toBe(200);
  return added.body;
}

describe.each(backends())('priced carts from the embedded catalog and price list ($name)', (backend) => {
  it('a priced cart: each line has name, image, unit price and exact line total; the subtotal is their sum', async () => {
    const { client, cart } = await customerWithCart(backend);

    await client.addItem(cart.id, coffee, 1);
    await client.addItem(cart.id, kitchen, 2);
    await client.addItem(cart.id, book, 3);
    const changed = await client.setQuantity(cart.id, kitchen, 5);

    const lines: [string, number][] = [
      [coffee, 1],
      [kitchen, 5],
      [book, 3],
    ];
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"5"');
    expect(changed.body.items).toStrictEqual(lines.map(([id, quantity]) => line(id, quantity)));
    expect(changed.body.totals).toStrictEqual({ lines: 3, quantity: 9, subtotal: subtotalOf(lines) });
    for (const item of changed.body.items) {
      expect(Number.isSafeInteger(item.unitPrice.amount) && Number.isSafeInteger(item.lineTotal.amount)).toBe(true);
      expect(item.lineTotal.amount).toBe(item.unitPrice.amount * item.quantity);
    }
    const read = await client.getCart(cart.id);
    expect(read.body).toStrictEqual(changed.body);
    console.log(
      `[api-e2e priced] ${backend.name}: ${lines.map(([id, q]) => `${q} x ${id} @ ${priceOf(id, 'EUR')}`).join(', ')} = ` +
        `${read.body.totals.subtotal.amount} ${read.body.totals.subtotal.currency} minor units`,
    );
  });

  it('a new EUR cart has a zero EUR subtotal', async () => {
    const { cart } = await customerWithCart(backend);

    expect(cart.totals).toStrictEqual({ lines: 0, quantity: 0, subtotal: money(0, 'EUR') });
  });

  it(`an out-of-stock product (${outOfStock.id}) can be added, and its line says it is not in stock`, async () => {
    const { client, cart } = await customerWithCart(backend);

    const added = await client.addItem(cart.id, outOfStock.id, 1);

    expect(added.status).toBe(200);
    expect(added.body.items).toStrictEqual([line(outOfStock.id, 1)]);
    expect(added.body.items[0]).toEqual(expect.objectContaining({ inStock: false, moreInStock: false }));
  });

  it(`a low-stock product (${lowStock.id}, ${lowStock.stock} on hand): the flags follow the line's quantity`, async () => {
    const { client, cart } = await customerWithCart(backend);
    const flags = (response: ApiResponse<CartBody>) => {
      const { quantity, inStock, moreInStock } = response.body.items[0] ?? {};
      return { quantity, inStock, moreInStock };
    };

    const below = await client.setQuantity(cart.id, lowStock.id, lowStock.stock - 1);
    const exactly = await client.addItem(cart.id, lowStock.id, 1);
    const beyond = await client.addItem(cart.id, lowStock.id, 1);

    expect(flags(below)).toEqual({ quantity: lowStock.stock - 1, inStock: true, moreInStock: true });
    expect(flags(exactly)).toEqual({ quantity: lowStock.stock, inStock: true, moreInStock: false });
    expect(flags(beyond)).toEqual({ quantity: lowStock.stock + 1, inStock: false, moreInStock: false });
    expect(beyond.body.items).toStrictEqual([line(lowStock.id, lowStock.stock + 1)]);
  });

  describe.each([
    ['an unknown product', unknownId, 'PRODUCT_NOT_FOUND'],
    [`an inactive product (${inactive.id})`, inactive.id, 'PRODUCT_UNAVAILABLE'],
    [`a product without an EUR price (${noEurPrice.id})`, noEurPrice.id, 'PRICE_UNAVAILABLE'],
  ])('%s', (_name, productId, code) => {
    it(`answers 422 ${code} on add and changes nothing`, async () => {
      const { client, cart } = await customerWithCart(backend);
      const before = await cartWithALine(client, cart.id);

      const problem = expectProblem(await client.addItem(cart.id, productId, 1), 422, code);

      expect(problem.detail).toContain(productId);
      await expectCartUnchanged(client, before);
    });

    it(`answers 422 ${code} on setting a quantity and changes nothing`, async () => {
      const { client, cart } = await customerWithCart(backend);
      const before = await cartWithALine(client, cart.id);

      expectProblem(await client.setQuantity(cart.id, productId, 2, { 'if-match': `"${before.version}"` }), 422, code);

      await expectCartUnchanged(client, before);
    });
  });

  it('setting quantity 0 for a product that cannot be sold asks no one and answers 200 without a change', async () => {
    const { client, cart } = await customerWithCart(backend);
    const before = await cartWithALine(client, cart.id);

    const response = await client.setQuantity(cart.id, inactive.id, 0);

    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(before);
  });

  it.each(['XYZ', 'ABC', 'EURO', 'eur', 'E1R', ''])('currency %j on create answers 400 and creates nothing', async (currency) => {
    const { client, userId } = await newCustomer(backend);

    const problem = expectProblem(await client.createCart({ currency }), 400, 'VALIDATION_FAILED');

    expect(problem.errors?.[0]?.pointer).toMatch(/currency/);
    expect((await client.listCarts(userId)).body.items).toEqual([]);
  });

  it(`a USD cart is priced in USD (${usdPriced.id}) and refuses a product with no USD price (${noUsdPrice.id})`, async () => {
    const { client } = await newCustomer(backend);
    const created = await client.createCart({ currency: 'USD' });
    expect(created.body.totals.subtotal).toStrictEqual(money(0, 'USD'));

    const added = await client.addItem(created.body.id, usdPriced.id, 2);
    const refused = await client.addItem(created.body.id, noUsdPrice.id, 1);

    expect(added.status).toBe(200);
    expect(added.body.items).toStrictEqual([line(usdPriced.id, 2, 'USD')]);
    expect(added.body.totals.subtotal).toStrictEqual(subtotalOf([[usdPriced.id, 2]], 'USD'));
    expect(priceOf(usdPriced.id, 'USD')).not.toBe(priceOf(usdPriced.id, 'EUR'));
    const problem = expectProblem(refused, 422, 'PRICE_UNAVAILABLE');
    expect(problem.detail).toContain('USD');
    await expectCartUnchanged(client, added.body);
  });

  it(`a SEK cart is priced in SEK (${sekPriced.id}); a currency nobody prices in (JPY) refuses every product`, async () => {
    const { client } = await newCustomer(backend);
    const sek = (await client.createCart({ currency: 'SEK' })).body;
    const yen = (await client.createCart({ currency: 'JPY' })).body;

    const added = await client.addItem(sek.id, sekPriced.id, 1);

    expect(added.body.items).toStrictEqual([line(sekPriced.id, 1, 'SEK')]);
    expectProblem(await client.addItem(yen.id, coffee, 1), 422, 'PRICE_UNAVAILABLE');
    await expectCartUnchanged(client, yen);
  });
});

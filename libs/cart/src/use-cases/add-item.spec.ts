import { AddItem } from './add-item.ts';
import { money } from '@carteria/kernel';
import { newCart, createCartTestKit, type CartTestKit } from './cart-test-kit.ts';

describe('AddItem', () => {
  it('adds 1 then 9 of a product and gives one line of 10', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'sku-1', quantity: 1 });
    const cart = await addItem.execute({ principal: kit.alice, cartId: id, productId: 'sku-1', quantity: 9 });
    expect(cart.lines).toMatchObject([{ productId: 'sku-1', quantity: 10 }]);
    expect(cart.version).toBe(3);
  });

  it('keeps two products in the order they were added', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'zeta', quantity: 1 });
    const cart = await addItem.execute({ principal: kit.alice, cartId: id, productId: 'alpha', quantity: 1 });
    expect(cart.lines.map((line) => line.productId)).toEqual(['zeta', 'alpha']);
  });

  it('honours If-Match and changes nothing when it is stale', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 1, expectedVersion: 1 });
    await expect(
      addItem.execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 1, expectedVersion: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'CART_VERSION_MISMATCH' }));
    expect(await kit.carts.findById(id)).toMatchObject({ version: 2, lines: [{ quantity: 1 }] });
  });

  it('answers CART_NOT_FOUND to a stranger and FORBIDDEN to a reader, changing nothing', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    const command = { cartId: id, productId: 'a', quantity: 1 };
    await expect(addItem.execute({ ...command, principal: kit.bob })).rejects.toThrow(
      expect.objectContaining({ code: 'CART_NOT_FOUND' }),
    );
    await expect(addItem.execute({ ...command, principal: kit.reader })).rejects.toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(await kit.carts.findById(id)).toMatchObject({ version: 1, lines: [] });
  });

  it('loses and doubles nothing when 50 adds race on one cart', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await Promise.all(
      Array.from({ length: 50 }, () => addItem.execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 2 })),
    );
    expect(await kit.carts.findById(id)).toMatchObject({ version: 51, lines: [{ productId: 'a', quantity: 100 }] });
  });

  it('keeps the line limit when adds of new products race', async () => {
    const kit = createCartTestKit({ maxLinesPerCart: 10 });
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => addItem.execute({ principal: kit.alice, cartId: id, productId: `p${i}`, quantity: 1 })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    expect((await kit.carts.findById(id))?.lines).toHaveLength(10);
  });
});

describe('AddItem with Products and Billing', () => {
  it('snapshots name, image, price and stock on the line', async () => {
    const kit = createCartTestKit();
    kit.products.put('sku-42', { name: 'Espresso cup', imageUrl: '/img/42.svg', stock: 3, prices: [money(1250, 'EUR')] });
    const { id } = await newCart(kit.deps, kit.alice);
    const cart = await new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'sku-42', quantity: 2 });
    expect(cart.lines).toMatchObject([
      { productId: 'sku-42', name: 'Espresso cup', imageUrl: '/img/42.svg', unitPrice: money(1250, 'EUR'), stock: 3 },
    ]);
  });

  it.each([
    ['PRODUCT_NOT_FOUND', (kit: CartTestKit) => kit.products.drop('p')],
    ['PRODUCT_UNAVAILABLE', (kit: CartTestKit) => kit.products.put('p', { active: false, prices: [money(1, 'EUR')] })],
    ['PRICE_UNAVAILABLE', (kit: CartTestKit) => kit.products.put('p', { prices: [money(1, 'USD')] })],
  ])('refuses with %s and changes nothing', async (code, arrange) => {
    const kit = createCartTestKit();
    arrange(kit);
    const { id } = await newCart(kit.deps, kit.alice);
    await expect(
      new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'p', quantity: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code }));
    expect(await kit.carts.findById(id)).toMatchObject({ version: 1, lines: [] });
  });

  it('asks no other service when the cart cannot change anyway', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    let asked = 0;
    const deps = { ...kit.deps, catalog: { findProducts: async () => ((asked += 1), new Map()) } };
    await expect(new AddItem(deps).execute({ principal: kit.bob, cartId: id, productId: 'p', quantity: 1 })).rejects.toThrow();
    await expect(
      new AddItem(deps).execute({ principal: kit.alice, cartId: id, productId: 'p', quantity: 1, expectedVersion: 9 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'CART_VERSION_MISMATCH' }));
    expect(asked).toBe(0);
  });
});

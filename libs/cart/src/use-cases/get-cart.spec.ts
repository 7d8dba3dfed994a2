import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { DeleteCart } from './delete-cart.ts';
import { GetCart } from './get-cart.ts';

describe('GetCart', () => {
  it('gives the owner a new cart with no items', async () => {
    const kit = createCartTestKit();
    const created = await newCart(kit.deps, kit.alice);
    const cart = await new GetCart(kit.deps).execute({ principal: kit.alice, cartId: created.id });
    expect(cart.lines).toEqual([]);
  });

  it('lets carts:read read any cart', async () => {
    const kit = createCartTestKit();
    const created = await newCart(kit.deps, kit.alice);
    await expect(new GetCart(kit.deps).execute({ principal: kit.reader, cartId: created.id })).resolves.toEqual(created);
  });

  it('answers CART_NOT_FOUND for an unknown cart, a deleted cart, and a cart of someone else', async () => {
    const kit = createCartTestKit();
    const getCart = new GetCart(kit.deps);
    const created = await newCart(kit.deps, kit.alice);
    const notFound = expect.objectContaining({ code: 'CART_NOT_FOUND' });

    await expect(getCart.execute({ principal: kit.bob, cartId: created.id })).rejects.toThrow(notFound);
    await expect(getCart.execute({ principal: kit.alice, cartId: '0193a0c4-0000-7000-8000-000000000000' })).rejects.toThrow(notFound);
    await new DeleteCart(kit.deps).execute({ principal: kit.alice, cartId: created.id });
    await expect(getCart.execute({ principal: kit.alice, cartId: created.id })).rejects.toThrow(notFound);
  });
});

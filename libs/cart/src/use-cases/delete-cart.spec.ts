import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { DeleteCart } from './delete-cart.ts';

describe('DeleteCart', () => {
  it('deletes the cart; a second delete answers CART_NOT_FOUND', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const deleteCart = new DeleteCart(kit.deps);
    await deleteCart.execute({ principal: kit.alice, cartId: id });
    expect(await kit.carts.findById(id)).toBeNull();
    await expect(deleteCart.execute({ principal: kit.alice, cartId: id })).rejects.toThrow(
      expect.objectContaining({ code: 'CART_NOT_FOUND' }),
    );
  });

  it('keeps the cart when If-Match is stale or the caller is a stranger', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const deleteCart = new DeleteCart(kit.deps);
    await expect(deleteCart.execute({ principal: kit.alice, cartId: id, expectedVersion: 7 })).rejects.toThrow(
      expect.objectContaining({ code: 'CART_VERSION_MISMATCH' }),
    );
    await expect(deleteCart.execute({ principal: kit.bob, cartId: id })).rejects.toThrow(
      expect.objectContaining({ code: 'CART_NOT_FOUND' }),
    );
    expect(await kit.carts.findById(id)).not.toBeNull();
  });
});

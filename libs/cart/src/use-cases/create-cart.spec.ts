import { isUuidV7 } from '@carteria/kernel';
import { createCartTestKit } from './cart-test-kit.ts';
import { CreateCart } from './create-cart.ts';

describe('CreateCart', () => {
  it('opens an empty active cart owned by the caller, in the default currency', async () => {
    const kit = createCartTestKit({ defaultCurrency: 'SEK' });
    const cart = await new CreateCart(kit.deps).execute({ principal: kit.alice });
    expect(isUuidV7(cart.id)).toBe(true);
    expect(cart).toMatchObject({ ownerId: kit.alice.subject, currency: 'SEK', version: 1, status: 'active', lines: [] });
    expect(await kit.carts.findById(cart.id)).toEqual(cart);
  });

  it('uses the currency the caller names', async () => {
    const kit = createCartTestKit();
    const cart = await new CreateCart(kit.deps).execute({ principal: kit.alice, currency: 'USD' });
    expect(cart.currency).toBe('USD');
  });
});

import { money } from '@carteria/kernel';
import { AddItem } from './add-item.ts';
import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { DeleteCart } from './delete-cart.ts';
import { EmptyCart } from './empty-cart.ts';
import { RemoveItem } from './remove-item.ts';
import { SetItemQuantity } from './set-item-quantity.ts';

describe('cart events', () => {
  it('records one event per change, numbered by the version, describing what changed', async () => {
    const kit = createCartTestKit();
    kit.products.put('a', { prices: [money(500, 'EUR')] });
    const { id } = await newCart(kit.deps, kit.alice);
    const command = { principal: kit.alice, cartId: id };
    await new AddItem(kit.deps).execute({ ...command, productId: 'a', quantity: 2 });
    await new AddItem(kit.deps).execute({ ...command, productId: 'a', quantity: 1 });
    await new SetItemQuantity(kit.deps).execute({ ...command, productId: 'a', quantity: 5 });
    await new SetItemQuantity(kit.deps).execute({ ...command, productId: 'a', quantity: 5 });
    await new RemoveItem(kit.deps).execute({ ...command, productId: 'a' });
    await new EmptyCart(kit.deps).execute(command);
    await new DeleteCart(kit.deps).execute(command);

    const owner = { cartId: id, ownerId: kit.alice.subject };
    expect(kit.carts.eventsOf(id).map(({ type, sequence, data }) => ({ type, sequence, data }))).toEqual([
      { type: 'cart.created', sequence: 1, data: { ...owner, version: 1, currency: 'EUR' } },
      {
        type: 'cart.item_added',
        sequence: 2,
        data: { ...owner, version: 2, productId: 'a', quantity: 2, lineQuantity: 2, unitPrice: money(500, 'EUR') },
      },
      {
        type: 'cart.item_added',
        sequence: 3,
        data: { ...owner, version: 3, productId: 'a', quantity: 1, lineQuantity: 3, unitPrice: money(500, 'EUR') },
      },
      {
        type: 'cart.item_quantity_changed',
        sequence: 4,
        data: { ...owner, version: 4, productId: 'a', previousQuantity: 3, quantity: 5, unitPrice: money(500, 'EUR') },
      },
      { type: 'cart.item_removed', sequence: 5, data: { ...owner, version: 5, productId: 'a', previousQuantity: 5 } },
      { type: 'cart.deleted', sequence: 6, data: { ...owner, version: 6 } },
    ]);
  });

  it('records exactly one event per acknowledged change when adds race', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    await Promise.all(
      Array.from({ length: 40 }, () => new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 1 })),
    );
    expect(kit.carts.eventsOf(id).map((event) => event.sequence)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });
});

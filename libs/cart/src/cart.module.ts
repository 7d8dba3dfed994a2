import { ContainerModule } from 'inversify';
import type { Clock } from '@carteria/kernel';
import type { CartAccessPolicy } from './ports/cart-access-policy.ts';
import type { CartRepository } from './ports/cart.repository.ts';
import type { PriceQuoter } from './ports/price-quoter.ts';
import type { ProductCatalog } from './ports/product-catalog.ts';
import type { CartSettings } from './domain/cart-settings.ts';
import type { CartDependencies } from './use-cases/cart-dependencies.ts';
import { AddItem } from './use-cases/add-item.ts';
import { CheckOut } from './use-cases/check-out.ts';
import { ClaimCart } from './use-cases/claim-cart.ts';
import { MergeCarts } from './use-cases/merge-carts.ts';
import { CreateCart } from './use-cases/create-cart.ts';
import { DeleteCart } from './use-cases/delete-cart.ts';
import { EmptyCart } from './use-cases/empty-cart.ts';
import { GetCart } from './use-cases/get-cart.ts';
import { ListUserCarts } from './use-cases/list-user-carts.ts';
import { RemoveItem } from './use-cases/remove-item.ts';
import { SetItemQuantity } from './use-cases/set-item-quantity.ts';

/** The ports the composition root binds (`repository`, `accessPolicy`, `catalog`, `prices`, `clock`) and what this module offers. */
export const CART_TOKENS = {
  repository: Symbol.for('cart.CartRepository'),
  catalog: Symbol.for('cart.ProductCatalog'),
  prices: Symbol.for('cart.PriceQuoter'),
  accessPolicy: Symbol.for('cart.CartAccessPolicy'),
  clock: Symbol.for('cart.Clock'),
  settings: Symbol.for('cart.CartSettings'),
  dependencies: Symbol.for('cart.CartDependencies'),
  createCart: Symbol.for('cart.CreateCart'),
  getCart: Symbol.for('cart.GetCart'),
  listUserCarts: Symbol.for('cart.ListUserCarts'),
  addItem: Symbol.for('cart.AddItem'),
  setItemQuantity: Symbol.for('cart.SetItemQuantity'),
  removeItem: Symbol.for('cart.RemoveItem'),
  emptyCart: Symbol.for('cart.EmptyCart'),
  deleteCart: Symbol.for('cart.DeleteCart'),
  checkOut: Symbol.for('cart.CheckOut'),
  claimCart: Symbol.for('cart.ClaimCart'),
  mergeCarts: Symbol.for('cart.MergeCarts'),
} as const;

const useCases = [
  [CART_TOKENS.createCart, CreateCart],
  [CART_TOKENS.getCart, GetCart],
  [CART_TOKENS.listUserCarts, ListUserCarts],
  [CART_TOKENS.addItem, AddItem],
  [CART_TOKENS.setItemQuantity, SetItemQuantity],
  [CART_TOKENS.removeItem, RemoveItem],
  [CART_TOKENS.emptyCart, EmptyCart],
  [CART_TOKENS.deleteCart, DeleteCart],
  [CART_TOKENS.checkOut, CheckOut],
  [CART_TOKENS.claimCart, ClaimCart],
  [CART_TOKENS.mergeCarts, MergeCarts],
] as const;

/** Binds the cart use cases; the caller binds the ports. */
export function cartModule(settings: CartSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CART_TOKENS.settings).toConstantValue(settings);
    bind<CartDependencies>(CART_TOKENS.dependencies)
      .toResolvedValue(
        (
          carts: CartRepository,
          policy: CartAccessPolicy,
          catalog: ProductCatalog,
          prices: PriceQuoter,
          clock: Clock,
          cartSettings: CartSettings,
        ) => ({ carts, policy, catalog, prices, clock, settings: cartSettings }),
        [
          CART_TOKENS.repository,
          CART_TOKENS.accessPolicy,
          CART_TOKENS.catalog,
          CART_TOKENS.prices,
          CART_TOKENS.clock,
          CART_TOKENS.settings,
        ],
      )
      .inSingletonScope();
    for (const [token, UseCase] of useCases) {
      bind(token)
        .toResolvedValue((deps: CartDependencies) => new UseCase(deps), [CART_TOKENS.dependencies])
        .inSingletonScope();
    }
  });
}

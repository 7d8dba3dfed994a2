export { Cart } from './domain/cart.ts';
export type { CartLine, CartSnapshot, CartStatus } from './domain/cart-snapshot.ts';
export type { ProductOffer } from './domain/product-offer.ts';
export { cartTotals, lineTotal, priceChanged, quantityOf, stockFlags, type CartTotals } from './domain/cart-totals.ts';
export { defaultCartSettings } from './domain/cart-settings.ts';
export type { CartLimits, CartSettings } from './domain/cart-settings.ts';
export {
  CartCheckedOutError,
  CartEmptyError,
  IfMatchRequiredError,
  CartNotFoundError,
  CartVersionMismatchError,
  LineLimitExceededError,
  LineNotFoundError,
  PriceUnavailableError,
  ProductNotFoundError,
  ProductUnavailableError,
  QuantityLimitExceededError,
} from './domain/cart.errors.ts';
export type { CartAccessPolicy, CartAction } from './ports/cart-access-policy.ts';
export type { CartChange, CartMerge, CartPageRequest, CartRepository, ExpiryCutoffs } from './ports/cart.repository.ts';
export { ExpireCarts, type CartLifetimes } from './use-cases/expire-carts.ts';
export { cartEvent, type CartEvent, type CartEventType } from './domain/cart-event.ts';
export type { PriceQuoter } from './ports/price-quoter.ts';
export type { Product, ProductCatalog } from './ports/product-catalog.ts';
export type { CartDependencies } from './use-cases/cart-dependencies.ts';
export type { CartChangeCommand } from './use-cases/change-cart.ts';
export { AddItem, type AddItemCommand } from './use-cases/add-item.ts';
export { cartKeyOf, CreateCart, type CreateCartCommand, type CreatedCart } from './use-cases/create-cart.ts';
export { ClaimCart } from './use-cases/claim-cart.ts';
export { MergeCarts, type MergeCartsCommand } from './use-cases/merge-carts.ts';
export { DeleteCart } from './use-cases/delete-cart.ts';
export { CheckOut, type CheckoutOutcome } from './use-cases/check-out.ts';
export { checkoutOf, type Checkout, type CheckoutLine } from './domain/checkout.ts';
export type { LineChange, LineProblem } from './domain/checkout-review.ts';
export { EmptyCart } from './use-cases/empty-cart.ts';
export { GetCart, type GetCartQuery } from './use-cases/get-cart.ts';
export { ListUserCarts, type CartPage, type ListUserCartsQuery } from './use-cases/list-user-carts.ts';
export { RemoveItem, type RemoveItemCommand } from './use-cases/remove-item.ts';
export { SetItemQuantity, type SetItemQuantityCommand } from './use-cases/set-item-quantity.ts';
export { PrismaCartRepository } from './adapters/prisma-cart.repository.ts';
export { CART_TOKENS, cartModule } from './cart.module.ts';

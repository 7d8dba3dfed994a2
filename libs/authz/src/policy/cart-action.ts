/** What a caller asks to do with a cart, or with one user's carts (`carts.list`). */
export type CartAction = 'cart.create' | 'cart.read' | 'cart.change' | 'cart.delete' | 'cart.checkout' | 'carts.list';

export const CART_ACTIONS: readonly CartAction[] = [
  'cart.create',
  'cart.read',
  'cart.change',
  'cart.delete',
  'cart.checkout',
  'carts.list',
];

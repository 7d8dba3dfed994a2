/** The token scopes that widen a caller's reach beyond its own carts (API.md, "who may do what"). */
export const CART_SCOPES = {
  /** Users and Orders: read any cart, list any user's carts. */
  read: 'carts:read',
  /** Orders: check out any cart. */
  checkout: 'carts:checkout',
  /** Operators: everything. */
  admin: 'carts:admin',
} as const;

export type CartScope = (typeof CART_SCOPES)[keyof typeof CART_SCOPES];

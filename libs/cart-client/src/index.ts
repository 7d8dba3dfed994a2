export { createCartClient } from './cart-client.ts';
export type { CartClient, CartClientOptions } from './cart-client.ts';
export type { TokenSource } from './cart-credentials.ts';
export { updateCart } from './cart-update.ts';
export type { CartChange, CartWriter, MergeConflict, UpdateOptions } from './cart-update.ts';
export type { RetryPolicy, FetchFunction } from './retrying-fetch.ts';
export {
  CartApiError,
  CartChangedError,
  CartCheckedOutError,
  CartLimitError,
  CartNotFoundError,
  CartVersionMismatchError,
  ServiceUnavailableError,
  UnauthenticatedError,
  ValidationFailedError,
} from './cart-api.errors.ts';
export type { FieldViolation, LineChange, ProblemCode, ProblemDetails } from './cart-api.errors.ts';
export type {
  Cart,
  CartEdit,
  CartEvent,
  CartEventPage,
  CartItem,
  CartPage,
  Checkout,
  CreatedCart,
  Money,
  PageOptions,
  PostOptions,
  WriteOptions,
} from './cart-client.types.ts';
export type { components, operations, paths } from './generated/cart-api.types.ts';

import { DomainError } from '@carteria/kernel';

/** The cart does not exist, was deleted, or the caller may not know it exists. */
export class CartNotFoundError extends DomainError {
  constructor(cartId: string) {
    super('CART_NOT_FOUND', 'not_found', `Cart ${cartId} was not found.`);
  }
}

export class LineNotFoundError extends DomainError {
  constructor(productId: string) {
    super('LINE_NOT_FOUND', 'not_found', `The cart has no line for product ${productId}.`);
  }
}

export class CartVersionMismatchError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'CART_VERSION_MISMATCH',
      'precondition_failed',
      `The cart is at version ${actual}, not ${expected}; read it again and retry.`,
    );
  }
}

export class CartCheckedOutError extends DomainError {
  constructor(cartId: string) {
    super('CART_CHECKED_OUT', 'conflict', `Cart ${cartId} is checked out and can no longer change.`);
  }
}

export class QuantityLimitExceededError extends DomainError {
  constructor(limit: number) {
    super('QUANTITY_LIMIT_EXCEEDED', 'limit_exceeded', `A line may hold at most ${limit} units.`);
  }
}

export class LineLimitExceededError extends DomainError {
  constructor(limit: number) {
    super('LINE_LIMIT_EXCEEDED', 'limit_exceeded', `A cart may hold at most ${limit} lines.`);
  }
}

export class ProductNotFoundError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT_NOT_FOUND', 'unprocessable', `There is no product ${productId}.`);
  }
}

export class ProductUnavailableError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT_UNAVAILABLE', 'unprocessable', `Product ${productId} is not for sale.`);
  }
}

export class PriceUnavailableError extends DomainError {
  constructor(productId: string, currency: string) {
    super('PRICE_UNAVAILABLE', 'unprocessable', `Product ${productId} has no price in ${currency}.`);
  }
}

export class CartEmptyError extends DomainError {
  constructor(cartId: string) {
    super('CART_EMPTY', 'unprocessable', `Cart ${cartId} has no lines to check out.`);
  }
}

export class IfMatchRequiredError extends DomainError {
  constructor() {
    super('IF_MATCH_REQUIRED', 'precondition_required', 'Checkout needs If-Match with the version of the cart the shopper confirmed.');
  }
}

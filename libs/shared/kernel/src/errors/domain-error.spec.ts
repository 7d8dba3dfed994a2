import { DomainError, ValidationError } from './domain-error.ts';

describe('DomainError', () => {
  it('carries a stable code and kind and names itself after its class', () => {
    class CartGoneError extends DomainError {
      constructor() {
        super('CART_GONE', 'not_found', 'gone');
      }
    }
    const error = new CartGoneError();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'CART_GONE', kind: 'not_found', name: 'CartGoneError' });
  });

  it('lists the violations of a validation error', () => {
    const error = new ValidationError('bad', [{ pointer: '/quantity', detail: 'too small' }]);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', kind: 'invalid' });
    expect(error.violations).toHaveLength(1);
  });
});

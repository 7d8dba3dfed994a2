import { randomUUID } from 'node:crypto';
import { apiUnderTest, sellableIds, signToken } from '../test/api-under-test.ts';
import {
  CartApiError,
  cartApiErrorOf,
  CartChangedError,
  CartCheckedOutError,
  CartNotFoundError,
  CartVersionMismatchError,
  ServiceUnavailableError,
  ValidationFailedError,
} from './cart-api.errors.ts';
import { createCartClient } from './cart-client.ts';

const [p1] = sellableIds(1) as [string];

async function signedIn() {
  return createCartClient({ baseUrl: apiUnderTest().baseUrl, token: await signToken(randomUUID()) });
}

/** The rejection of `promise`, which must be one. */
async function failureOf(promise: Promise<unknown>): Promise<CartApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof CartApiError)) throw new Error(`expected a CartApiError, got ${String(outcome)}`);
  return outcome;
}

describe('problem+json answers as typed errors (against the api)', () => {
  it('404 CART_NOT_FOUND is a CartNotFoundError carrying every problem field', async () => {
    const client = await signedIn();
    const error = await failureOf(client.getCart(randomUUID()));

    expect(error).toBeInstanceOf(CartNotFoundError);
    expect(error).toMatchObject({ name: 'CartNotFoundError', status: 404, code: 'CART_NOT_FOUND', title: 'Not Found' });
    expect(error.type).toMatch(/cart-not-found$/);
    expect(error.detail).toEqual(expect.any(String));
    expect(error.message).toBe(`404 CART_NOT_FOUND: ${error.detail}`);
    expect(error.traceId === undefined || /^[0-9a-f]{32}$/.test(error.traceId)).toBe(true);
    expect(error.problem).toEqual(expect.objectContaining({ status: 404, code: 'CART_NOT_FOUND' }));
  });

  it('400 VALIDATION_FAILED says which field', async () => {
    const client = await signedIn();
    const cart = await client.createCart();
    const error = await failureOf(client.addItem(cart.id, { productId: p1, quantity: 0 }));

    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([expect.objectContaining({ pointer: '/body/quantity' })]);
  });

  it('412 for a stale If-Match, 409 once checked out, 404 LINE_NOT_FOUND by code', async () => {
    const client = await signedIn();
    const cart = await client.createCart();
    const added = await client.addItem(cart.id, { productId: p1, quantity: 1 });

    const stale = await failureOf(client.addItem(cart.id, { productId: p1, quantity: 1 }, { ifMatch: cart.version }));
    expect(stale).toBeInstanceOf(CartVersionMismatchError);
    expect(stale.status).toBe(412);

    const missing = await failureOf(client.removeItem(cart.id, 'no-such-line'));
    expect(missing).toMatchObject({ status: 404, code: 'LINE_NOT_FOUND' });
    expect(missing).not.toBeInstanceOf(CartNotFoundError);

    await client.checkOut(cart.id, { ifMatch: added.version });
    const frozen = await failureOf(client.addItem(cart.id, { productId: p1, quantity: 1 }));
    expect(frozen).toBeInstanceOf(CartCheckedOutError);
    expect(frozen).toMatchObject({ status: 409, code: 'CART_CHECKED_OUT' });
  });
});

describe('cartApiErrorOf', () => {
  const problem = (status: number, code: string, extensions: object = {}) => ({
    type: `https://carteria.dev/problems/${code.toLowerCase()}`,
    title: 'T',
    status,
    detail: 'd',
    code,
    ...extensions,
  });

  it('gives CART_CHANGED its changes and the refreshed version from the ETag', () => {
    const response = new Response(null, { status: 409, headers: { ETag: '"7"' } });
    const changes = [{ productId: 'sku-1', problem: 'price_changed', previousUnitPrice: null, unitPrice: null }];
    const error = cartApiErrorOf(response, problem(409, 'CART_CHANGED', { changes }));

    expect(error).toBeInstanceOf(CartChangedError);
    expect(error).toMatchObject({ version: 7, changes });
  });

  it('gives 503 the Retry-After', () => {
    const error = cartApiErrorOf(new Response(null, { status: 503, headers: { 'Retry-After': '2' } }), problem(503, 'SERVICE_STARTING'));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 2, code: 'SERVICE_STARTING' });
  });

  it('still types an answer that is not a problem (a proxy page, say)', () => {
    const error = cartApiErrorOf(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<html>bad gateway</html>');
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', title: 'Bad Gateway', detail: '<html>bad gateway</html>' });
  });
});

import type { CartHistory } from '@carteria/analytics';
import type {
  AddItem,
  CartSnapshot,
  CheckOut,
  CheckoutOutcome,
  ClaimCart,
  MergeCarts,
  CreateCart,
  DeleteCart,
  EmptyCart,
  GetCart,
  ListUserCarts,
  RemoveItem,
  SetItemQuantity,
} from '@carteria/cart';
import {
  addItemBody,
  cartPageSchema,
  cartPath,
  cartSchema,
  checkoutSchema,
  createCartBody,
  createdCartSchema,
  eventPageSchema,
  eventsQuery,
  ifMatchHeaders,
  ifNoneMatchHeaders,
  linePath,
  listQuery,
  mergeBody,
  setQuantityBody,
  userCartsPath,
} from './cart.schemas.ts';
import { presentCart, presentCheckout } from './cart.presenter.ts';
import { decodeCursor, decodeSequenceCursor, encodeCursor } from './cursor.ts';
import { etagOf, expectedVersion, isNotModified } from './etag.ts';
import { problem } from './problem.ts';
import type { ProblemCode } from './problem.schemas.ts';
import { defineRoute, type Reply, type Route } from './route.ts';

export interface CartUseCases {
  readonly createCart: CreateCart;
  readonly getCart: GetCart;
  readonly listUserCarts: ListUserCarts;
  readonly addItem: AddItem;
  readonly setItemQuantity: SetItemQuantity;
  readonly removeItem: RemoveItem;
  readonly emptyCart: EmptyCart;
  readonly deleteCart: DeleteCart;
  readonly checkOut: CheckOut;
  readonly claimCart: ClaimCart;
  readonly mergeCarts: MergeCarts;
}

const etagHeader = {
  ETag: { description: 'The cart version, `"<version>"`.', required: true, schema: { type: 'string' as const, pattern: '^"[0-9]+"$', example: '"3"' } },
};

const cartResponse = (description: string) => ({
  description,
  headers: etagHeader,
  content: { 'application/json': { schema: cartSchema } },
});

/** What any change to a named cart can answer. */
const cartChangeProblems: ProblemCode[] = ['CART_NOT_FOUND', 'FORBIDDEN', 'CART_CHECKED_OUT', 'CART_VERSION_MISMATCH'];
/** Adding units asks Products and Billing and applies the cart limits. */
const sellingProblems: ProblemCode[] = ['QUANTITY_LIMIT_EXCEEDED', 'LINE_LIMIT_EXCEEDED', 'PRODUCT_NOT_FOUND', 'PRODUCT_UNAVAILABLE', 'PRICE_UNAVAILABLE'];

function cartReply(cart: CartSnapshot, status = 200, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { ...headers, ETag: etagOf(cart.version) }, body: presentCart(cart) };
}

const tags = ['carts'];

/** The cart endpoints of API.md, as data: the router and the OpenAPI document both read this. */
export function cartRoutes(cases: CartUseCases, history: CartHistory): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/carts',
      access: 'anyone',
      operation: {
        operationId: 'createCart',
        summary: 'Create a cart for the caller, or a guest cart',
        description:
          'With a bearer token the cart is the caller\'s. Without one it is a guest cart, and the answer carries, ' +
          'this once, its secret `cartToken`: send it as `Cart-Token` to use that cart.',
        tags,
      },
      body: createCartBody,
      responses: {
        '201': {
          description: 'The new, empty cart (with `cartToken` when it is a guest cart).',
          headers: {
            ...etagHeader,
            Location: { description: 'The cart URL.', required: true, schema: { type: 'string', example: '/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11' } },
          },
          content: { 'application/json': { schema: createdCartSchema } },
        },
        },
      problems: ['FORBIDDEN'],
      async handle({ principal, body }) {
        const { cart, cartToken } = await cases.createCart.execute({ principal, ...(body?.currency ? { currency: body.currency } : {}) });
        const reply = cartReply(cart, 201, { Location: `/v1/carts/${cart.id}` });
        return cartToken ? { ...reply, body: { ...(reply.body as object), cartToken } } : reply;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/carts/{cartId}',
      operation: { operationId: 'getCart', summary: 'Read a cart', tags },
      params: cartPath,
      headers: ifNoneMatchHeaders,
      responses: {
        '200': cartResponse('The cart.'),
        '304': { description: 'The cart has not changed since the ETag in If-None-Match.', headers: etagHeader },
        },
      problems: ['CART_NOT_FOUND'],
      async handle({ principal, params, req }) {
        const cart = await cases.getCart.execute({ principal, cartId: params.cartId });
        if (isNotModified(req, cart.version)) return { status: 304, headers: { ETag: etagOf(cart.version) } };
        return cartReply(cart);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/carts/{cartId}',
      operation: { operationId: 'deleteCart', summary: 'Delete a cart and its lines', tags },
      params: cartPath,
      headers: ifMatchHeaders,
      responses: { '204': { description: 'Deleted.' } },
      problems: ['CART_NOT_FOUND', 'FORBIDDEN', 'CART_VERSION_MISMATCH'],
      async handle({ principal, params, req }) {
        await cases.deleteCart.execute({ principal, cartId: params.cartId, expectedVersion: expectedVersion(req) });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/users/{userId}/carts',
      access: 'user',
      operation: { operationId: 'listUserCarts', summary: "A user's carts, newest first", tags },
      params: userCartsPath,
      query: listQuery,
      responses: {
        '200': { description: 'One page of carts.', content: { 'application/json': { schema: cartPageSchema } } },
        },
      problems: ['FORBIDDEN'],
      async handle({ principal, params, query }) {
        const page = await cases.listUserCarts.execute({
          principal,
          ownerId: params.userId,
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { after: decodeCursor(query.cursor) }),
        });
        return { status: 200, body: { items: page.items.map(presentCart), nextCursor: page.next && encodeCursor(page.next) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carts/{cartId}/items',
      operation: { operationId: 'addItem', summary: 'Add units of a product (an existing line grows)', tags },
      params: cartPath,
      headers: ifMatchHeaders,
      body: addItemBody,
      responses: { '200': cartResponse('The cart after the change.') },
      problems: [...cartChangeProblems, 'CURRENCY_MISMATCH', ...sellingProblems],
      async handle({ principal, params, body, req }) {
        const cart = await cases.addItem.execute({
          principal,
          cartId: params.cartId,
          productId: body.productId,
          quantity: body.quantity,
          expectedVersion: expectedVersion(req),
        });
        return cartReply(cart);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v1/carts/{cartId}/items/{productId}',
      operation: { operationId: 'setItemQuantity', summary: "Set a line's quantity (0 removes it, a missing line is created)", tags },
      params: linePath,
      headers: ifMatchHeaders,
      body: setQuantityBody,
      responses: { '200': cartResponse('The cart after the change.') },
      problems: [...cartChangeProblems, 'CURRENCY_MISMATCH', ...sellingProblems],
      async handle({ principal, params, body, req }) {
        const cart = await cases.setItemQuantity.execute({
          principal,
          cartId: params.cartId,
          productId: params.productId,
          quantity: body.quantity,
          expectedVersion: expectedVersion(req),
        });
        return cartReply(cart);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/carts/{cartId}/items/{productId}',
      operation: { operationId: 'removeItem', summary: 'Remove one line', tags },
      params: linePath,
      headers: ifMatchHeaders,
      responses: { '200': cartResponse('The cart after the change.') },
      problems: [...cartChangeProblems, 'LINE_NOT_FOUND'],
      async handle({ principal, params, req }) {
        const cart = await cases.removeItem.execute({
          principal,
          cartId: params.cartId,
          productId: params.productId,
          expectedVersion: expectedVersion(req),
        });
        return cartReply(cart);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/carts/{cartId}/items',
      operation: { operationId: 'emptyCart', summary: 'Remove every line', tags },
      params: cartPath,
      headers: ifMatchHeaders,
      responses: { '200': cartResponse('The emptied cart.') },
      problems: cartChangeProblems,
      async handle({ principal, params, req }) {
        const cart = await cases.emptyCart.execute({ principal, cartId: params.cartId, expectedVersion: expectedVersion(req) });
        return cartReply(cart);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/carts/{cartId}/events',
      operation: {
        operationId: 'listCartEvents',
        summary: "A cart's events (CloudEvents 1.0), oldest first",
        description: 'The changes of the cart as Business Analytics receives them; owner or carts:read.',
        tags,
      },
      params: cartPath,
      query: eventsQuery,
      responses: {
        '200': { description: 'One page of events.', content: { 'application/json': { schema: eventPageSchema } } },
      },
      problems: ['CART_NOT_FOUND'],
      async handle({ principal, params, query }) {
        await cases.getCart.execute({ principal, cartId: params.cartId });
        const page = await history.listEvents(params.cartId, {
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { afterSequence: decodeSequenceCursor(query.cursor) }),
        });
        const next = page.nextAfterSequence;
        return { status: 200, body: { items: page.items, nextCursor: next === null ? null : encodeCursor(String(next)) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carts/{cartId}/claim',
      access: 'user',
      operation: {
        operationId: 'claimCart',
        summary: 'Make a guest cart yours (send its Cart-Token with your bearer token)',
        description: 'The cart token stops working; claiming your own cart again changes nothing.',
        tags,
      },
      params: cartPath,
      headers: ifMatchHeaders,
      responses: { '200': cartResponse('The cart, now yours.') },
      problems: ['CART_NOT_FOUND', 'CART_CHECKED_OUT', 'CART_VERSION_MISMATCH'],
      async handle({ principal, params, req }) {
        return cartReply(await cases.claimCart.execute({ principal, cartId: params.cartId, expectedVersion: expectedVersion(req) }));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carts/{cartId}/merge',
      access: 'user',
      operation: {
        operationId: 'mergeCarts',
        summary: "Move a guest cart's lines into this cart (send the guest cart's Cart-Token)",
        description:
          'Quantities add up, capped at the limits (`unitsLeftOut` in the cart.merged event); the guest cart is ' +
          'deleted. Atomic: two merges racing never add the lines twice.',
        tags,
      },
      params: cartPath,
      headers: ifMatchHeaders,
      body: mergeBody,
      responses: { '200': cartResponse('The cart after the merge.') },
      problems: [...cartChangeProblems, 'CURRENCY_MISMATCH'],
      async handle({ principal, params, body, req }) {
        return cartReply(
          await cases.mergeCarts.execute({
            principal,
            cartId: params.cartId,
            sourceCartId: body.sourceCartId,
            expectedVersion: expectedVersion(req),
          }),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/carts/{cartId}/checkout',
      operation: {
        operationId: 'checkOut',
        summary: 'Freeze the confirmed cart for the Orders service',
        description:
          'Needs If-Match with the version the shopper confirmed. Every line is checked again with Products and ' +
          'Billing; if anything moved the answer is 409 CART_CHANGED with `changes`, and the cart stays active ' +
          'with fresh prices. A retry of a finished checkout returns the same checkout.',
        tags,
      },
      params: cartPath,
      headers: ifMatchHeaders,
      responses: {
        '200': {
          description: 'The checkout: lines, prices, totals and the content hash.',
          headers: etagHeader,
          content: { 'application/json': { schema: checkoutSchema } },
        },
        '409': {
          description: 'CART_CHANGED carries the new ETag.',
          headers: { ETag: { ...etagHeader.ETag, description: 'CART_CHANGED only: the version of the repriced cart.', required: false } },
        },
      },
      problems: [...cartChangeProblems, 'CART_CHANGED', 'CART_EMPTY', 'IF_MATCH_REQUIRED'],
      async handle({ principal, params, req }) {
        const result = await cases.checkOut.execute({ principal, cartId: params.cartId, expectedVersion: expectedVersion(req) });
        return checkoutReply(result);
      },
    }),
  ];
}

/** A checkout, or the lines that changed as a 409 problem: an expected outcome, so a reply, not a throw. */
function checkoutReply(result: CheckoutOutcome): Reply {
  if (result.outcome === 'changed') {
    const detail = 'The cart changed since the shopper saw it; show it again and confirm the new version.';
    return {
      status: 409,
      headers: { ETag: etagOf(result.cart.version), 'Content-Type': 'application/problem+json' },
      body: problem(409, 'CART_CHANGED', detail, undefined, { changes: result.changes }),
    };
  }
  const { checkout } = result;
  return { status: 200, headers: { ETag: etagOf(checkout.version) }, body: presentCheckout(checkout) };
}

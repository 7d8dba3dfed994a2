import type { Middleware } from 'openapi-fetch';

/** A bearer token, or a function that returns the current one (so it can be refreshed). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/**
 * Puts the caller's credentials on every request: `Authorization: Bearer`, the `Cart-Token` of a
 * guest cart the client holds, and an `Idempotency-Key` on POSTs that lack one. The key is made
 * only when the request is scoped to a caller (bearer or Cart-Token): the API refuses keys from a
 * caller with neither, because a replay would hand out another guest's cart token.
 */
export function credentialsMiddleware(token: TokenSource | undefined, cartTokens: ReadonlyMap<string, string>): Middleware {
  return {
    async onRequest({ request, params }) {
      const bearer = typeof token === 'function' ? await token() : token;
      if (bearer && !request.headers.has('authorization')) request.headers.set('Authorization', `Bearer ${bearer}`);
      const cartId = params.path?.['cartId'];
      const cartToken = typeof cartId === 'string' ? cartTokens.get(cartId) : undefined;
      if (cartToken && !request.headers.has('cart-token')) request.headers.set('Cart-Token', cartToken);
      const scoped = request.headers.has('authorization') || request.headers.has('cart-token');
      if (request.method === 'POST' && scoped && !request.headers.has('idempotency-key')) {
        request.headers.set('Idempotency-Key', crypto.randomUUID());
      }
      return request;
    },
  };
}

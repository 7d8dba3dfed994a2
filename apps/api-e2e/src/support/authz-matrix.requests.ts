import { cartTokenHeader } from './guest-carts.ts';
import { lineProduct, otherProduct, type Caller, type MatrixRequest, type Scenario } from './authz-matrix.scenario.ts';

/** Builds the request of one row for one column, on the fresh state of its case. */
export type BuildRequest = (scenario: Scenario, caller: Caller) => Promise<MatrixRequest>;

/** `METHOD /path` of the served document, then an optional `(variant)` when a row needs two setups. */
export function operationOf(endpoint: string): string {
  return endpoint.replace(/ \(.*\)$/, '');
}

const cartPath = (cartId: string, rest = '') => `/v1/carts/${cartId}${rest}`;

/** A request on the cart the column names (its subject), the column's credentials only. */
function onSubject(method: MatrixRequest['method'], rest: string, extra: (cart: { id: string; version: number }) => Partial<MatrixRequest> = () => ({})): BuildRequest {
  return async (scenario, caller) => {
    const cart = await scenario.subject(caller);
    const headers = await scenario.credentials(caller);
    const more = extra(cart);
    return { method, path: cartPath(cart.id, rest), watch: [cart.id], ...more, headers: { ...headers, ...more.headers } };
  };
}

/** An endpoint that names no cart; `watch` nothing. */
function plain(method: MatrixRequest['method'], path: string, json?: unknown): BuildRequest {
  return async (scenario, caller) => ({ method, path, headers: await scenario.credentials(caller), watch: [], ...(json === undefined ? {} : { json }) });
}

const isGuestColumn = (caller: Caller) => caller === 'anonymous' || caller === 'guest' || caller === 'wrongGuest';

/**
 * Every endpoint of the api: the routes of apps/api/src/http/{cart,products,cart-stream}.routes.ts
 * and the operations endpoints of /openapi.json. Bodies are valid and checkout carries a current
 * If-Match, so that access alone decides the answer.
 */
export const MATRIX_REQUESTS = {
  'POST /v1/carts': plain('POST', '/v1/carts', { currency: 'EUR' }),
  'GET /v1/carts/{cartId}': onSubject('GET', ''),
  'DELETE /v1/carts/{cartId}': onSubject('DELETE', ''),
  'GET /v1/users/{userId}/carts': async (scenario, caller) => {
    const owner = await scenario.owner();
    return { method: 'GET', path: `/v1/users/${owner.userId}/carts`, headers: await scenario.credentials(caller), watch: [owner.cart.id] };
  },
  'POST /v1/carts/{cartId}/items': onSubject('POST', '/items', () => ({ json: { productId: otherProduct, quantity: 1 } })),
  'PUT /v1/carts/{cartId}/items/{productId}': onSubject('PUT', `/items/${lineProduct}`, () => ({ json: { quantity: 3 } })),
  'DELETE /v1/carts/{cartId}/items/{productId}': onSubject('DELETE', `/items/${lineProduct}`),
  'DELETE /v1/carts/{cartId}/items': onSubject('DELETE', '/items'),
  'POST /v1/carts/{cartId}/checkout': onSubject('POST', '/checkout', (cart) => ({ headers: { 'if-match': `"${cart.version}"` } })),
  'GET /v1/carts/{cartId}/events': onSubject('GET', '/events'),
  'GET /v1/carts/{cartId}/stream': onSubject('GET', '/stream'),
  // Signed-in columns send their bearer token and the guest cart's Cart-Token, as a claim must.
  'POST /v1/carts/{cartId}/claim (a guest cart, bearer + its Cart-Token)': async (scenario, caller) => {
    const guest = await scenario.guest();
    const credentials = await scenario.credentials(caller);
    const headers = isGuestColumn(caller) ? credentials : { ...credentials, ...guest.headers };
    return { method: 'POST', path: cartPath(guest.cart.id, '/claim'), headers, watch: [guest.cart.id] };
  },
  "POST /v1/carts/{cartId}/claim (the owner's cart, bearer only)": onSubject('POST', '/claim'),
  // Signed-in columns merge the source guest cart (with its Cart-Token) into the owner's cart.
  "POST /v1/carts/{cartId}/merge (a guest cart into the owner's)": async (scenario, caller) => {
    const target = await scenario.subject(caller);
    const source = await scenario.mergeSource();
    const credentials = await scenario.credentials(caller);
    const headers = isGuestColumn(caller) ? credentials : { ...credentials, ...cartTokenHeader(source.cartToken) };
    return { method: 'POST', path: cartPath(target.id, '/merge'), json: { sourceCartId: source.cart.id }, headers, watch: [target.id, source.cart.id] };
  },
  'GET /v1/products': plain('GET', '/v1/products?limit=2'),
  'GET /v1/products/{productId}': plain('GET', `/v1/products/${lineProduct}`),
  'GET /livez': plain('GET', '/livez'),
  'GET /readyz': plain('GET', '/readyz'),
  'GET /metrics': plain('GET', '/metrics'),
  'GET /openapi.json': plain('GET', '/openapi.json'),
  'GET /docs': plain('GET', '/docs'),
} satisfies Record<string, BuildRequest>;

export type Endpoint = keyof typeof MATRIX_REQUESTS;

import { ApiClient, newCustomer } from './support/api-client.ts';
import { MATRIX_REQUESTS, operationOf, type Endpoint } from './support/authz-matrix.requests.ts';
import { CALLER_LEGEND, CALLERS, Scenario, send, type Caller } from './support/authz-matrix.scenario.ts';
import { expectContract } from './support/contract-check.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { contractDocument } from './support/openapi-contract.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report } from './support/timing.ts';

// Who may do what (API.md "Authentication and who may do what", "Guest carts", and the 401/403/404
// rules; README "Guest carts"). A cell is the status API.md promises, or the statuses it allows.

type Cell = number | readonly number[];
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

/**
 * A caller who may read the cart but not do this to it. API.md: "a customer who names a cart that
 * is not its own gets 404 ... (no existence leak)"; a reader already knows the cart exists, so
 * 403 FORBIDDEN (OpenAPI: "may read it but not do this") keeps that promise too.
 */
const READ_ONLY = [403, 404] as const;
/**
 * carts:admin "may do everything", but API.md defines claiming for a guest cart and its token only;
 * whether an admin may claim a customer's cart is not said.
 */
const ADMIN_CLAIM = [200, 404] as const;

// The cart a column names: the guest cart for guest and wrongGuest, the owner's cart for the rest
// (anonymous names the owner's cart with no credential). Claim and merge rows: see their requests.
const EXPECTED: Readonly<Record<Endpoint, Row>> = {
  //                                                                       anonymous guest wrongGuest owner otherCust  carts:read carts:checkout carts:admin
  'POST /v1/carts':                                                           [201,   201,  201,       201,  201,       201,       201,           201],
  'GET /v1/carts/{cartId}':                                                   [401,   200,  404,       200,  404,       200,       404,           200],
  'DELETE /v1/carts/{cartId}':                                                [401,   204,  404,       204,  404,       READ_ONLY, 404,           204],
  'GET /v1/users/{userId}/carts':                                             [401,   401,  401,       200,  403,       200,       403,           200],
  'POST /v1/carts/{cartId}/items':                                            [401,   200,  404,       200,  404,       READ_ONLY, 404,           200],
  'PUT /v1/carts/{cartId}/items/{productId}':                                 [401,   200,  404,       200,  404,       READ_ONLY, 404,           200],
  'DELETE /v1/carts/{cartId}/items/{productId}':                              [401,   200,  404,       200,  404,       READ_ONLY, 404,           200],
  'DELETE /v1/carts/{cartId}/items':                                          [401,   200,  404,       200,  404,       READ_ONLY, 404,           200],
  'POST /v1/carts/{cartId}/checkout':                                         [401,   200,  404,       200,  404,       READ_ONLY, 200,           200],
  'GET /v1/carts/{cartId}/events':                                            [401,   200,  404,       200,  404,       200,       404,           200],
  'GET /v1/carts/{cartId}/stream':                                            [401,   200,  404,       200,  404,       200,       404,           200],
  'POST /v1/carts/{cartId}/claim (a guest cart, bearer + its Cart-Token)':   [401,   401,  401,       200,  200,       200,       200,           200],
  "POST /v1/carts/{cartId}/claim (the owner's cart, bearer only)":           [401,   401,  401,       200,  404,       READ_ONLY, 404,           ADMIN_CLAIM],
  "POST /v1/carts/{cartId}/merge (a guest cart into the owner's)":           [401,   401,  401,       200,  404,       READ_ONLY, 404,           200],
  'GET /v1/products':                                                         [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /v1/products/{productId}':                                             [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /livez':                                                               [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /readyz':                                                              [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /metrics':                                                             [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /openapi.json':                                                        [200,   200,  200,       200,  200,       200,       200,           200],
  'GET /docs':                                                                [200,   200,  200,       200,  200,       200,       200,           200],
};

/** The stable code of each refusal. */
const REFUSAL_CODES: Readonly<Record<number, string>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'CART_NOT_FOUND' };

const statusesOf = (cell: Cell): readonly number[] => (typeof cell === 'number' ? [cell] : cell);
const labelOf = (cell: Cell): string => statusesOf(cell).join(' or ');

/** One named case per cell: [endpoint, caller, expected label, expected statuses]. */
const CASES = (Object.entries(EXPECTED) as [Endpoint, Row][]).flatMap(([endpoint, row]) =>
  CALLERS.map((caller, column): [Endpoint, Caller, string, readonly number[]] => {
    const cell = row[column] as Cell;
    return [endpoint, caller, labelOf(cell), statusesOf(cell)];
  }),
);

describe.each(backends())('authorization matrix ($name)', (backend: Backend) => {
  const observed = new Map<string, number>();
  let admin: ApiClient;
  let started = 0;

  beforeAll(async () => {
    started = performance.now();
    admin = (await newCustomer(backend, { scopes: ['carts:admin'] })).client;
  });

  afterAll(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(summary(backend, observed, seconds));
    report('authorization matrix', `${backend.name}: ${CASES.length} cells in ${seconds} s`);
  });

  it('has a row for every operation the api serves in /openapi.json', async () => {
    const served = (await contractDocument(backend.baseUrl)).operations.map((operation) => `${operation.method} ${operation.template}`);
    const covered = new Set(Object.keys(EXPECTED).map(operationOf));

    expect([...covered].sort()).toEqual([...new Set(served)].sort());
  });

  it.each(CASES)('%s as %s answers %s', async (endpoint, caller, label, allowed) => {
    const scenario = new Scenario(backend, admin);
    const request = await MATRIX_REQUESTS[endpoint](scenario, caller);
    const before = await Promise.all(request.watch.map((cartId) => scenario.read(cartId)));

    const answer = await send(backend, request);
    observed.set(cellKey(endpoint, caller), answer.status);

    if (!allowed.includes(answer.status)) {
      throw new Error(`${endpoint} as ${caller} (${CALLER_LEGEND[caller]}): API.md says ${label}, the api answered ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    await expectContract(backend.baseUrl, request.method, request.path, answer);
    if (answer.status < 400) return;
    expectProblem(answer, answer.status, REFUSAL_CODES[answer.status] ?? 'a refusal code');
    if (answer.status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    const after = await Promise.all(request.watch.map((cartId) => scenario.read(cartId)));
    expect(after).toStrictEqual(before);
  });
});

function cellKey(endpoint: Endpoint, caller: Caller): string {
  return `${endpoint}\n${caller}`;
}

/** The matrix as answered: each cell the status seen, `!` where API.md says otherwise, `-` not reached. */
function summary(backend: Backend, observed: ReadonlyMap<string, number>, seconds: string): string {
  const width = Math.max(...Object.keys(EXPECTED).map((endpoint) => endpoint.length));
  const header = `${'endpoint'.padEnd(width)} | ${CALLERS.map((caller) => caller.padEnd(15)).join('')}`;
  const lines = (Object.entries(EXPECTED) as [Endpoint, Row][]).map(([endpoint, row]) => {
    const cells = CALLERS.map((caller, column) => {
      const seen = observed.get(cellKey(endpoint, caller));
      const agrees = seen !== undefined && statusesOf(row[column] as Cell).includes(seen);
      const text = seen === undefined ? '-' : agrees ? String(seen) : `${seen}! (${labelOf(row[column] as Cell)})`;
      return text.padEnd(15);
    });
    return `${endpoint.padEnd(width)} | ${cells.join('')}`;
  });
  const disagreements = lines.filter((line) => line.includes('!')).length;
  return [
    `authorization matrix on ${backend.name}: ${observed.size} cells in ${seconds} s, ${disagreements} row(s) disagreeing with API.md`,
    header,
    ...lines,
  ].join('\n');
}

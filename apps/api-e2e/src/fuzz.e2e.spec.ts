import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { newCustomer, type Customer } from './support/api-client.ts';
import { firstProduct, sellableIds } from './support/catalog.data.ts';
import { inLanes } from './support/cart-mutations.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { describeExchange, exchangeFailures, RawHttp } from './support/fuzz-http.ts';
import { cartCommands, createCart, type CartModel, type CartSystem } from './support/fuzz-model.ts';
import { anyRequest, type FuzzWorld } from './support/fuzz-requests.ts';
import { newGuest } from './support/guest-carts.ts';
import { contractDocument, type ContractDocument } from './support/openapi-contract.ts';
import { signToken } from './support/tokens.ts';

/**
 * Property-based fuzzing from the served OpenAPI document: random requests (valid and not) to every
 * operation, and random sequences of cart changes checked against a model. Every answer: no 5xx,
 * nothing the document does not declare (status, headers, body, problem+json for errors).
 *
 * At least 10,000 requests on PostgreSQL (CI sets TEST_DATABASE_URL), fewer on the embedded
 * database. Reproduce a failure with the seed (and path) fast-check prints:
 * FUZZ_SEED=<seed> FUZZ_PATH=<path> npx nx e2e api-e2e --testPathPatterns=fuzz
 */
const budgets = { postgres: { single: 8_000, sequences: 144 }, embedded: { single: 1_200, sequences: 12 } } as const;
const batchSize = 50;
const lanes = 8;
const parallelSequences = 6;
const seed = Number(process.env['FUZZ_SEED'] ?? randomBytes(4).readInt32LE());
const path = process.env['FUZZ_PATH'];
const settings = { seed, ...(path === undefined ? {} : { path }), endOnFailure: true };

/** Carts and callers of every kind the requests can name: owned, someone else's, checked out, deleted, a guest's. */
async function worldOf(backend: Backend): Promise<FuzzWorld> {
  const [owner, stranger] = await Promise.all([newCustomer(backend), newCustomer(backend)]);
  const products = sellableIds(4);
  const inactive = firstProduct('inactive', (product) => !product.active).id;
  const carts = await Promise.all([cartWith(owner, products.slice(0, 2)), cartWith(owner, []), cartWith(stranger, products.slice(1, 3))]);
  const frozen = await cartWith(owner, products.slice(0, 1));
  const checkedOut = await owner.client.request('POST', `/v1/carts/${frozen}/checkout`, { headers: { 'if-match': '"2"' } });
  if (checkedOut.status !== 200) throw new Error(`setting up a checked-out cart failed: ${checkedOut.status} ${checkedOut.text}`);
  const gone = await cartWith(owner, []);
  await owner.client.deleteCart(gone);
  const guest = await newGuest(backend, { lines: [[products[0] as string, 1]] });
  const bearer = (token: string) => `Bearer ${token}`;
  return {
    cartIds: [...carts, frozen, gone, guest.cart.id],
    userIds: [owner.userId, stranger.userId],
    productIds: [...products, inactive],
    cartTokens: [guest.cartToken],
    authorizations: [
      bearer(owner.token),
      bearer(owner.token),
      bearer(stranger.token),
      bearer(await signToken(randomUUID(), { scopes: ['carts:read'] })),
      bearer(await signToken(randomUUID(), { scopes: ['carts:admin'] })),
      bearer(await signToken(owner.userId, { expiresInSeconds: -60 })),
      bearer(await signToken(owner.userId, { secret: randomBytes(32).toString('base64url') })),
      'Bearer',
      'Bearer a.b.c',
      'Basic dXNlcjpwYXNz',
    ],
  };
}

async function cartWith(customer: Customer, products: readonly string[]): Promise<string> {
  const created = await customer.client.createCart();
  for (const product of products) await customer.client.addItem(created.body.id, product, 1);
  return created.body.id;
}

function report(backend: Backend, what: string, sent: number, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(`[api-e2e fuzz] ${backend.name}: ${what}: ${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s), seed ${seed}`);
}

function fuzzSuite(backend: Backend, budget: (typeof budgets)[keyof typeof budgets]): void {
  let document: ContractDocument;
  let http: RawHttp;

  beforeAll(async () => {
    document = await contractDocument(backend.baseUrl);
    http = new RawHttp(backend.baseUrl, lanes);
  });
  let startedAt = 0;
  beforeAll(() => (startedAt = performance.now()));
  afterAll(async () => {
    report(backend, 'in all', http.sent, startedAt);
    await http.close();
  });

  it(`answers ${budget.single} random requests built from the document without a 5xx or a violation`, async () => {
    const world = await worldOf(backend);
    const startedAt = performance.now();
    const before = http.sent;
    await fc.assert(
      fc.asyncProperty(fc.array(anyRequest(document, world), { minLength: batchSize, maxLength: batchSize }), async (requests) => {
        const exchanges = await inLanes(requests.map((request) => () => http.send(request)), lanes);
        const failures = exchanges.flatMap((exchange) => {
          const found = exchangeFailures(document, exchange);
          return found.length > 0 ? [describeExchange(exchange, found)] : [];
        });
        if (failures.length > 0) throw new Error(`${failures.length} of ${exchanges.length} answers failed:\n${failures.join('\n')}`);
      }),
      { ...settings, numRuns: Math.ceil(budget.single / batchSize) },
    );
    report(backend, 'single requests', http.sent - before, startedAt);
  }, 300_000);

  it(`keeps a model of the shopper's carts through ${budget.sequences} random sequences of changes, with and without If-Match and Idempotency-Key`, async () => {
    const products = sellableIds(3);
    const startedAt = performance.now();
    const before = http.sent;
    const runSequence = async (commands: Iterable<fc.AsyncCommand<CartModel, CartSystem>>) => {
      const shopper = await newCustomer(backend);
      const system: CartSystem = { http, document, authorization: `Bearer ${shopper.token}` };
      const setup = async () => {
        const model: CartModel = { carts: [] };
        await createCart(model, system);
        return { model, real: system };
      };
      await fc.asyncModelRun(setup, commands);
    };
    // Sequences of different shoppers run side by side (each one in order), to keep both cores busy.
    await fc.assert(
      fc.asyncProperty(fc.array(cartCommands(products), { minLength: parallelSequences, maxLength: parallelSequences }), async (sequences) => {
        await Promise.all(sequences.map(runSequence));
      }),
      { ...settings, numRuns: Math.ceil(budget.sequences / parallelSequences) },
    );
    report(backend, 'stateful sequences', http.sent - before, startedAt);
  }, 300_000);
}

const started = backends();
const embedded = started.find((backend) => backend.name === 'embedded');
const postgres = started.find((backend) => backend.name === 'postgres');

describe('fuzzer, embedded database (a smaller run)', () => {
  if (embedded) fuzzSuite(embedded, budgets.embedded);
});

if (postgres) describe('fuzzer on PostgreSQL (10,000+ requests)', () => fuzzSuite(postgres, budgets.postgres));
else describe.skip('fuzzer on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => it('needs PostgreSQL', () => undefined));

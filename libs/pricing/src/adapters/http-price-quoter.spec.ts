import { DependencyUnavailableError } from '@carteria/dependency-client';
import type { ResilienceSettings } from '@carteria/dependency-client';
import { RecordingClientMetrics, warmUpHttpClient } from '@carteria/dependency-client/testing';
import { startFakeBilling } from './fake-billing.server.ts';
import type { FakeBilling, FakeBillingReply } from './fake-billing.server.ts';
import { HttpPriceQuoter } from './http-price-quoter.ts';

const sku = (n: number) => `sku-${String(n).padStart(3, '0')}`;
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => sku(first + i));

// No retries unless a test says otherwise, and a timeout a busy CI machine cannot hit by accident;
// a fresh client (breaker included) for every test.
const FAST: Partial<ResilienceSettings> = { timeoutMs: 2_000, retries: 0 };
const PRICES = {
  EUR: Object.fromEntries(range(1, 299).map((id, i) => [id, 100 + i])),
  USD: { 'sku-001': 1399 },
};

describe('HttpPriceQuoter against a loopback Billing', () => {
  let billing: FakeBilling;
  let quoter: HttpPriceQuoter;
  const reopen = async (resilience: Partial<ResilienceSettings>, metrics?: RecordingClientMetrics) => {
    await quoter.close();
    quoter = new HttpPriceQuoter({ baseUrl: billing.url, resilience, metrics });
  };

  beforeAll(() => warmUpHttpClient());
  beforeEach(async () => {
    billing = await startFakeBilling(PRICES);
    quoter = new HttpPriceQuoter({ baseUrl: billing.url, resilience: FAST });
  });
  afterEach(async () => {
    await quoter.close();
    await billing.close();
  });

  it('asks GET /prices?currency=…&productIds=… once and returns the prices, absent ids left out', async () => {
    const quoted = await quoter.quote(['sku-001', 'sku-300', 'sku-002', 'sku-001'], 'EUR');

    expect(quoted).toEqual(
      new Map([
        ['sku-001', { amount: 100, currency: 'EUR' }],
        ['sku-002', { amount: 101, currency: 'EUR' }],
      ]),
    );
    expect(billing.requests).toEqual([
      { url: expect.stringMatching(/^\/prices\?/), currency: 'EUR', productIds: ['sku-001', 'sku-300', 'sku-002'] },
    ]);
  });

  it('asks in the currency given', async () => {
    await expect(quoter.quote(['sku-001', 'sku-002'], 'USD')).resolves.toEqual(
      new Map([['sku-001', { amount: 1399, currency: 'USD' }]]),
    );
  });

  it('does not call Billing for an empty list', async () => {
    await expect(quoter.quote([], 'EUR')).resolves.toEqual(new Map());
    expect(billing.requests).toHaveLength(0);
  });

  it('splits more than 100 ids into requests of at most 100 and merges the answers', async () => {
    const ids = range(1, 250);
    const quoted = await quoter.quote(ids, 'EUR');

    expect(quoted.size).toBe(250);
    expect(quoted.get('sku-250')).toEqual({ amount: 349, currency: 'EUR' });
    const asked = billing.requests.map((r) => r.productIds);
    expect(asked.map((chunk) => chunk.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(asked.flat().sort()).toEqual(ids);
  });

  it('fails the whole quote when one of its requests fails', async () => {
    billing.behave((request) =>
      request.productIds.includes('sku-150') ? { status: 500, json: {} } : { json: { currency: 'EUR', items: [] } },
    );
    await expect(quoter.quote(range(1, 250), 'EUR')).rejects.toThrow(DependencyUnavailableError);
  });

  const item = (amount: unknown, currency = 'EUR') => ({ productId: 'sku-001', unitPrice: { amount, currency } });
  const refused: Array<[string, FakeBillingReply]> = [
    ['an answer in another currency', { json: { currency: 'USD', items: [item(1250, 'USD')] } }],
    ['a unit price in another currency', { json: { currency: 'EUR', items: [item(1250, 'USD')] } }],
    ['a float amount', { json: { currency: 'EUR', items: [item(12.5)] } }],
    ['a float amount in the raw JSON', { text: '{"currency":"EUR","items":[{"productId":"sku-001","unitPrice":{"amount":1250.5,"currency":"EUR"}}]}' }],
    ['a negative amount', { json: { currency: 'EUR', items: [item(-1)] } }],
    ['an amount beyond a safe integer', { json: { currency: 'EUR', items: [item(2 ** 53)] } }],
    ['an amount as a string', { json: { currency: 'EUR', items: [item('1250')] } }],
    ['a price for a product not asked for', { json: { currency: 'EUR', items: [item(1250), { ...item(990), productId: 'sku-999' }] } }],
    ['a product priced twice', { json: { currency: 'EUR', items: [item(1250), item(990)] } }],
    ['a body of the wrong shape', { json: { prices: [] } }],
    ['malformed JSON', { text: '{"currency":"EUR","items":[' }],
    ['status 500', { status: 500, json: { title: 'Internal Server Error' } }],
    ['status 404', { status: 404, json: { title: 'Not Found' } }],
    ['a connection reset', { reset: true }],
  ];

  it.each(refused)('refuses %s with DependencyUnavailableError (billing)', async (_, reply) => {
    billing.behave(() => reply);
    const failure = await quoter.quote(['sku-001'], 'EUR').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', kind: 'unavailable', dependency: 'billing' });
  });

  it('retries a 500 (a quote is idempotent) and still fails when every attempt does', async () => {
    await reopen({ ...FAST, retries: 2 });
    billing.behave(() => ({ status: 500, json: {} }));
    await expect(quoter.quote(['sku-001'], 'EUR')).rejects.toThrow(DependencyUnavailableError);
    expect(billing.requests).toHaveLength(3);
  });

  it('gives up on a Billing that hangs within the timeout', async () => {
    await reopen({ timeoutMs: 200, retries: 0 });
    billing.behave(() => new Promise<never>(() => undefined));
    const started = performance.now();
    await expect(quoter.quote(['sku-001'], 'EUR')).rejects.toThrow(DependencyUnavailableError);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('reports calls as dependency billing, operation quote, and opens its breaker on repeated failures', async () => {
    const metrics = new RecordingClientMetrics();
    await reopen({ ...FAST, breakerThreshold: 2 }, metrics);
    await quoter.quote(['sku-001'], 'EUR');
    billing.behave(() => ({ status: 503, json: {} }));
    for (let i = 0; i < 3; i += 1) {
      await expect(quoter.quote(['sku-001'], 'EUR')).rejects.toThrow(DependencyUnavailableError);
    }

    expect(metrics.calls.map(({ dependency, operation }) => `${dependency}/${operation}`)).toEqual(Array(4).fill('billing/quote'));
    expect(metrics.outcomes()).toEqual(['success', 'error', 'error', 'circuit_open']);
    expect(quoter.breakerState()).toBe('open');
    expect(billing.requests).toHaveLength(3);
  });

  it('throws RangeError for a malformed currency or product id, without calling Billing', async () => {
    await expect(quoter.quote(['sku-001'], 'eur')).rejects.toThrow(RangeError);
    await expect(quoter.quote(['a,b'], 'EUR')).rejects.toThrow(RangeError);
    expect(billing.requests).toHaveLength(0);
  });
});

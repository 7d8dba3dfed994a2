import { priceTable } from './catalog.data.ts';
import { FakeService, type FakeAnswer, type ReceivedRequest } from './fake-dependency.server.ts';

/**
 * A Billing service as libs/pricing/README.md describes it:
 * `GET /prices?currency=EUR&productIds=a,b` answers
 * `{"currency": "EUR", "items": [{"productId", "unitPrice": {"amount", "currency"}}]}`, products
 * without a price left out. It serves the shipped price list; `setPrice` changes one from now on.
 */
export class FakeBilling {
  readonly service: FakeService;
  readonly #prices: Map<string, Map<string, number>>;

  private constructor(service: FakeService, prices: Map<string, Map<string, number>>) {
    this.service = service;
    this.#prices = prices;
  }

  static async start(): Promise<FakeBilling> {
    const prices = new Map(Object.entries(priceTable).map(([currency, table]) => [currency, new Map(Object.entries(table))]));
    const service = await FakeService.start('billing', (request) => answer(prices, request));
    return new FakeBilling(service, prices);
  }

  setPrice(currency: string, productId: string, amount: number): void {
    const table = this.#prices.get(currency) ?? new Map<string, number>();
    table.set(productId, amount);
    this.#prices.set(currency, table);
  }
}

function answer(prices: ReadonlyMap<string, ReadonlyMap<string, number>>, request: ReceivedRequest): FakeAnswer {
  if (request.method !== 'GET' || request.path !== '/prices') return { status: 404, json: { title: 'Not Found' } };
  const currency = request.query.get('currency') ?? '';
  const table = prices.get(currency);
  const ids = (request.query.get('productIds') ?? '').split(',').filter((id) => id !== '');
  const items = ids.flatMap((productId) => {
    const amount = table?.get(productId);
    return amount === undefined ? [] : [{ productId, unitPrice: { amount, currency } }];
  });
  return { status: 200, json: { currency, items } };
}

import { catalogProducts, priceTable, type CatalogProduct } from './catalog.data.ts';
import { FakeService, type FakeAnswer, type ReceivedRequest } from './fake-dependency.server.ts';

/**
 * A Products and a Billing service over one mutable copy of the shipped data, in the shapes of
 * fake-products.server.ts and fake-billing.server.ts, that can also forget a product or a price
 * (what checkout re-validation must notice: a product gone, a price withdrawn).
 */
export class FakeCatalog {
  readonly products: FakeService;
  readonly billing: FakeService;
  readonly #catalog: Map<string, CatalogProduct>;
  readonly #prices: Map<string, Map<string, number>>;

  private constructor(products: FakeService, billing: FakeService, catalog: Map<string, CatalogProduct>, prices: Map<string, Map<string, number>>) {
    this.products = products;
    this.billing = billing;
    this.#catalog = catalog;
    this.#prices = prices;
  }

  static async start(): Promise<FakeCatalog> {
    const catalog = new Map(catalogProducts.map((p) => [p.id, p]));
    const prices = new Map(Object.entries(priceTable).map(([currency, table]) => [currency, new Map(Object.entries(table))]));
    const [products, billing] = await Promise.all([
      FakeService.start('products', (request) => answerProducts(catalog, request)),
      FakeService.start('billing', (request) => answerPrices(prices, request)),
    ]);
    return new FakeCatalog(products, billing, catalog, prices);
  }

  /** The environment that points an api at these fakes. */
  get env(): Record<string, string> {
    return { PRODUCTS_URL: this.products.url, BILLING_URL: this.billing.url };
  }

  setPrice(currency: string, productId: string, amount: number): void {
    const table = this.#prices.get(currency) ?? new Map<string, number>();
    table.set(productId, amount);
    this.#prices.set(currency, table);
  }

  removePrice(currency: string, productId: string): void {
    this.#prices.get(currency)?.delete(productId);
  }

  updateProduct(id: string, changes: Partial<Omit<CatalogProduct, 'id'>>): void {
    const current = this.#catalog.get(id);
    if (!current) throw new Error(`the fake catalog has no ${id}`);
    this.#catalog.set(id, { ...current, ...changes });
  }

  removeProduct(id: string): void {
    this.#catalog.delete(id);
  }

  async close(): Promise<void> {
    await Promise.all([this.products.close(), this.billing.close()]);
  }
}

function answerProducts(catalog: ReadonlyMap<string, CatalogProduct>, request: ReceivedRequest): FakeAnswer {
  if (request.method !== 'GET' || request.path !== '/products') return { status: 404, json: { title: 'Not Found' } };
  const items = idsOf(request, 'ids').flatMap((id) => {
    const found = catalog.get(id);
    return found ? [{ id, name: found.name, imageUrl: found.imageUrl, active: found.active, stock: found.stock }] : [];
  });
  return { status: 200, json: { items } };
}

function answerPrices(prices: ReadonlyMap<string, ReadonlyMap<string, number>>, request: ReceivedRequest): FakeAnswer {
  if (request.method !== 'GET' || request.path !== '/prices') return { status: 404, json: { title: 'Not Found' } };
  const currency = request.query.get('currency') ?? '';
  const table = prices.get(currency);
  const items = idsOf(request, 'productIds').flatMap((productId) => {
    const amount = table?.get(productId);
    return amount === undefined ? [] : [{ productId, unitPrice: { amount, currency } }];
  });
  return { status: 200, json: { currency, items } };
}

function idsOf(request: ReceivedRequest, parameter: string): string[] {
  return (request.query.get(parameter) ?? '').split(',').filter((id) => id !== '');
}

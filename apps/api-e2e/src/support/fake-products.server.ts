import { catalogProducts, type CatalogProduct } from './catalog.data.ts';
import { FakeService, type FakeAnswer, type ReceivedRequest } from './fake-dependency.server.ts';

/**
 * A Products service as libs/products/README.md describes it:
 * `GET /products?ids=a,b` answers `{"items": [{id, name, imageUrl, active, stock}]}`, unknown ids
 * left out. It serves the shipped catalog; `update` changes a product from now on.
 */
export class FakeProducts {
  readonly service: FakeService;
  readonly #products: Map<string, CatalogProduct>;

  private constructor(service: FakeService, products: Map<string, CatalogProduct>) {
    this.service = service;
    this.#products = products;
  }

  static async start(): Promise<FakeProducts> {
    const products = new Map(catalogProducts.map((p) => [p.id, p]));
    const service = await FakeService.start('products', (request) => answer(products, request));
    return new FakeProducts(service, products);
  }

  update(id: string, changes: Partial<Omit<CatalogProduct, 'id'>>): void {
    const current = this.#products.get(id);
    if (!current) throw new Error(`the fake Products has no ${id}`);
    this.#products.set(id, { ...current, ...changes });
  }

  /** The ids of every `GET /products` request, oldest first. */
  get idsAsked(): string[][] {
    return this.service.requests.map((request) => (request.query.get('ids') ?? '').split(',').filter((id) => id !== ''));
  }
}

function answer(products: ReadonlyMap<string, CatalogProduct>, request: ReceivedRequest): FakeAnswer {
  if (request.method !== 'GET' || request.path !== '/products') return { status: 404, json: { title: 'Not Found' } };
  const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  const items = ids.flatMap((id) => {
    const found = products.get(id);
    return found ? [{ id, name: found.name, imageUrl: found.imageUrl, active: found.active, stock: found.stock }] : [];
  });
  return { status: 200, json: { items } };
}

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Product } from '../product.catalog.ts';
import { MAX_IDS_PER_REQUEST, PRODUCTS_PATH } from '../products-http.api.ts';

/** How the fake answers `GET /products`; switch it at any time to make the service misbehave. */
export type FakeProductsBehaviour =
  | 'ok' // 200 with the known products among the ids asked
  | 'malformed-json' // 200, a body that is not JSON
  | 'wrong-shape' // 200, JSON that breaks the contract (stock as a string)
  | 'server-error' // 500
  | 'reset' // the connection is destroyed without an answer
  | 'hang'; // no answer until the server closes

export interface FakeProductsServerOptions {
  readonly products: readonly Product[];
  readonly behaviour?: FakeProductsBehaviour;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

/**
 * A real Products service on 127.0.0.1 that speaks the API this lib expects (see README), for
 * adapter tests and for running the api against "a remote Products service" by hand.
 */
export class FakeProductsServer {
  behaviour: FakeProductsBehaviour;
  /** The ids of each `GET /products` request, in arrival order. */
  readonly requests: string[][] = [];
  readonly #products: ReadonlyMap<string, Product>;
  readonly #server: Server;
  #url = '';

  private constructor(options: FakeProductsServerOptions) {
    this.behaviour = options.behaviour ?? 'ok';
    this.#products = new Map(options.products.map((product) => [product.id, product]));
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  static async start(options: FakeProductsServerOptions): Promise<FakeProductsServer> {
    const fake = new FakeProductsServer(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = fake.#server.address() as AddressInfo;
    fake.#url = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Base URL to give the adapter, e.g. http://127.0.0.1:40123. */
  get url(): string {
    return this.#url;
  }

  /** Stops listening and drops open connections, hanging ones included. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method !== 'GET' || url.pathname !== PRODUCTS_PATH) {
      return send(response, 404, { error: 'not found' });
    }
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0 || ids.length > MAX_IDS_PER_REQUEST) {
      return send(response, 400, { error: `give 1 to ${MAX_IDS_PER_REQUEST} ids` });
    }
    this.requests.push(ids);
    switch (this.behaviour) {
      case 'ok': {
        const items = ids.flatMap((id) => {
          const product = this.#products.get(id);
          if (product === undefined) return [];
          const { name, imageUrl, active, stock } = product;
          return [{ id, name, imageUrl, active, stock }];
        });
        return send(response, 200, { items });
      }
      case 'malformed-json':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [');
        return;
      case 'wrong-shape':
        return send(response, 200, { items: ids.map((id) => ({ id, name: id, active: true, stock: 'many' })) });
      case 'server-error':
        return send(response, 500, { error: 'boom' });
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

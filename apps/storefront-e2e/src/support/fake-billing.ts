import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { workspaceRoot } from '@carteria/testing';

type PriceTable = Record<string, Record<string, number>>;

/**
 * A Billing service as libs/pricing/README.md describes it (`GET /prices?currency=&productIds=`),
 * serving the shipped price list; `setPrice` changes a price from now on, as Billing would.
 */
export class FakeBilling {
  readonly #server: Server;
  readonly #prices: PriceTable;

  private constructor(server: Server, prices: PriceTable) {
    this.#server = server;
    this.#prices = prices;
  }

  static async start(): Promise<FakeBilling> {
    const file = path.join(workspaceRoot, 'libs/pricing/src/data/prices.json');
    const prices = (JSON.parse(readFileSync(file, 'utf8')) as { prices: PriceTable }).prices;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://billing');
      if (request.method !== 'GET' || url.pathname !== '/prices') {
        response.writeHead(404).end();
        return;
      }
      const currency = url.searchParams.get('currency') ?? '';
      const ids = (url.searchParams.get('productIds') ?? '').split(',').filter((id) => id !== '');
      const items = ids.flatMap((productId) => {
        const amount = prices[currency]?.[productId];
        return amount === undefined ? [] : [{ productId, unitPrice: { amount, currency } }];
      });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ currency, items }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeBilling(server, prices);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  priceOf(currency: string, productId: string): number | undefined {
    return this.#prices[currency]?.[productId];
  }

  setPrice(currency: string, productId: string, amount: number): void {
    (this.#prices[currency] ??= {})[productId] = amount;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }
}

// Starts fake Products, Billing and OPA services on loopback, serving the shipped catalog and price
// list, so the api can be tried against "remote" dependencies by hand:
//   npm run fakes            # prints PRODUCTS_URL=... BILLING_URL=... AUTHZ_URL=...
//   then start the api with those variables set, e.g. PRODUCTS_URL=... BILLING_URL=... npm start
import { readFileSync } from 'node:fs';
import { FakeOpaServer } from '@carteria/authz/testing';
import { startFakeBilling } from '@carteria/pricing/testing';
import { FakeProductsServer } from '@carteria/products/testing';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const { products } = read('libs/products/src/data/products.json') as {
  products: { id: string; name: string; imageUrl: string | null; active: boolean; stock: number }[];
};
const priceList = read('libs/pricing/src/data/prices.json') as { prices: Record<string, Record<string, number>> };

const productsServer = await FakeProductsServer.start({ products });
const billing = await startFakeBilling(priceList.prices);
const opa = await new FakeOpaServer().start();

process.stdout.write(
  [
    `PRODUCTS_URL=${productsServer.url}`,
    `BILLING_URL=${billing.url}`,
    `AUTHZ_URL=${opa.url}`,
    '# fake Products, Billing and OPA are running; Ctrl-C stops them',
    '',
  ].join('\n'),
);

process.on('SIGINT', () => {
  void Promise.all([productsServer.close(), billing.close(), opa.close()]).then(() => process.exit(0));
});

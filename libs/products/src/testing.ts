export { FakeProductsServer } from './testing/fake-products.server.ts';
export type { FakeProductsBehaviour, FakeProductsServerOptions } from './testing/fake-products.server.ts';

export { InMemoryCartRepository } from './adapters/in-memory-cart.repository.ts';
export { createCartTestKit, ownerPolicy, type CartTestKit } from './use-cases/cart-test-kit.ts';
export { InMemoryProducts } from './adapters/in-memory-products.ts';

import type { ProductOffer } from '../domain/product-offer.ts';
import { PriceUnavailableError, ProductNotFoundError, ProductUnavailableError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';

/** Asks Products and Billing at once; refuses unknown, inactive and unpriced products. */
export async function lookUpOffer(deps: CartDependencies, productId: string, currency: string): Promise<ProductOffer> {
  const [products, prices] = await Promise.all([
    deps.catalog.findProducts([productId]),
    deps.prices.quote([productId], currency),
  ]);
  const product = products.get(productId);
  if (!product) throw new ProductNotFoundError(productId);
  if (!product.active) throw new ProductUnavailableError(productId);
  const unitPrice = prices.get(productId);
  if (!unitPrice) throw new PriceUnavailableError(productId, currency);
  return { name: product.name, imageUrl: product.imageUrl, unitPrice, stock: product.stock };
}

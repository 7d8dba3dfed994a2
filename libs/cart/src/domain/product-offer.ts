import type { Money } from '@carteria/kernel';

/** What the cart snapshots on a line when it changes: the product as sold now, priced in the cart's currency. */
export interface ProductOffer {
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: Money;
  readonly stock: number;
}

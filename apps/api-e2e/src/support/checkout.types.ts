import type { Money, ProblemBody, TotalsBody } from './api.types.ts';

/** One line of a checkout: what the Orders service bills. */
export interface CheckoutLineBody {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly lineTotal: Money;
}

/** The body of `POST /v1/carts/{cartId}/checkout` when it answers 200. */
export interface CheckoutBody {
  readonly cartId: string;
  readonly ownerId: string | null;
  readonly currency: string;
  readonly confirmedVersion: number;
  readonly version: number;
  readonly checkedOutAt: string;
  readonly lines: readonly CheckoutLineBody[];
  readonly totals: TotalsBody;
  readonly contentHash: string;
}

export type LineProblem = 'price_changed' | 'product_not_found' | 'product_unavailable' | 'price_unavailable';

/** One entry of the `changes` member of a 409 CART_CHANGED problem. */
export interface LineChangeBody {
  readonly productId: string;
  readonly problem: LineProblem;
  readonly previousUnitPrice: Money;
  readonly unitPrice: Money | null;
}

export interface CartChangedProblem extends ProblemBody {
  readonly changes: readonly LineChangeBody[];
}

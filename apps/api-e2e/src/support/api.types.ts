/** Integer minor units of an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** The shapes of API.md that are built so far. */
export interface CartItemBody {
  readonly productId: string;
  readonly quantity: number;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: Money;
  readonly lineTotal: Money;
  readonly inStock: boolean;
  readonly moreInStock: boolean;
  readonly priceChanged: boolean;
  readonly addedUnitPrice: Money;
  readonly addedAt: string;
  readonly updatedAt: string;
}

export interface CartBody {
  readonly id: string;
  readonly ownerId: string | null;
  readonly status: 'active' | 'checked_out';
  readonly currency: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly items: readonly CartItemBody[];
  readonly totals: TotalsBody;
}

export interface TotalsBody {
  readonly lines: number;
  readonly quantity: number;
  readonly subtotal: Money;
}

export interface CartPageBody {
  readonly items: readonly CartBody[];
  readonly nextCursor: string | null;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

/** The shapes of API.md that are built so far (no prices or stock fields yet). */
export interface CartItemBody {
  readonly productId: string;
  readonly quantity: number;
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
  readonly totals: { readonly lines: number; readonly quantity: number };
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

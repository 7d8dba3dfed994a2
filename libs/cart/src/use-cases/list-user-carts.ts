import { AccessDeniedError, type Principal } from '@carteria/kernel';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';

export interface ListUserCartsQuery {
  readonly principal: Principal;
  readonly ownerId: string;
  readonly limit: number;
  /** The id of the last cart of the previous page. */
  readonly after?: string;
}

export interface CartPage {
  readonly items: readonly CartSnapshot[];
  /** The id to pass as `after` for the next page, or null on the last page. */
  readonly next: string | null;
}

/** A user's carts, newest first, one page at a time (keyset pagination on the UUIDv7 id). */
export class ListUserCarts {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(query: ListUserCartsQuery): Promise<CartPage> {
    if (!(await this.#deps.policy.decide(query.principal, 'carts.list', query.ownerId))) {
      throw new AccessDeniedError("You may not list this user's carts.");
    }
    const rows = await this.#deps.carts.listByOwner(query.ownerId, {
      limit: query.limit + 1,
      ...(query.after === undefined ? {} : { beforeId: query.after }),
    });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return { items, next: rows.length > query.limit && last ? last.id : null };
  }
}

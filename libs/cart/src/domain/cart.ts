import { CurrencyMismatchError, isIsoCurrencyCode, ValidationError } from '@carteria/kernel';
import type { CartLimits } from './cart-settings.ts';
import type { CartLine, CartSnapshot, CartStatus } from './cart-snapshot.ts';
import type { ProductOffer } from './product-offer.ts';
import {
  CartCheckedOutError,
  CartEmptyError,
  CartNotFoundError,
  CartVersionMismatchError,
  LineLimitExceededError,
  LineNotFoundError,
  QuantityLimitExceededError,
} from './cart.errors.ts';

export interface NewCart {
  readonly id: string;
  /** Exactly one of ownerId (a customer's cart) and guestKey (a guest cart) is set. */
  readonly ownerId: string | null;
  readonly guestKey?: string;
  readonly currency: string;
  readonly now: Date;
}

/**
 * The cart aggregate: every rule about lines and quantities lives here. It works on a snapshot
 * loaded by the repository and yields the next snapshot; a change raises the version by exactly one
 * however many lines it touched, and a request that changes nothing leaves the version alone.
 */
export class Cart {
  readonly #loaded: CartSnapshot;
  readonly #limits: CartLimits;
  #lines: CartLine[];
  #status: CartStatus;
  #ownerId: string | null;
  #changedAt: Date | null = null;

  private constructor(snapshot: CartSnapshot, limits: CartLimits) {
    this.#loaded = snapshot;
    this.#limits = limits;
    this.#lines = [...snapshot.lines];
    this.#status = snapshot.status;
    this.#ownerId = snapshot.ownerId;
  }

  static create(cart: NewCart): CartSnapshot {
    if (!isIsoCurrencyCode(cart.currency)) {
      throw new ValidationError('The currency must be an ISO 4217 code.', [
        { pointer: '/currency', detail: 'three capital letters, such as EUR' },
      ]);
    }
    return {
      id: cart.id,
      ownerId: cart.ownerId,
      guestKey: cart.ownerId === null ? (cart.guestKey ?? null) : null,
      status: 'active',
      currency: cart.currency,
      version: 1,
      createdAt: cart.now,
      updatedAt: cart.now,
      lines: [],
    };
  }

  static restore(snapshot: CartSnapshot, limits: CartLimits): Cart {
    return new Cart(snapshot, limits);
  }

  /** Refuses the change when the caller's `If-Match` version is not the stored one. */
  expectVersion(expected: number | undefined): this {
    if (expected !== undefined && expected !== this.#loaded.version) {
      throw new CartVersionMismatchError(expected, this.#loaded.version);
    }
    return this;
  }

  /** Refuses any change to a checked-out cart. */
  expectActive(): this {
    this.#assertActive();
    return this;
  }

  /** Adds units; the line (new or grown) takes the offer's details and price. */
  addItem(productId: string, quantity: number, now: Date, offer: ProductOffer): this {
    this.#assertQuantity(quantity, 1);
    const line = this.#find(productId);
    this.#put(productId, (line?.quantity ?? 0) + quantity, now, offer);
    return this;
  }

  /** Absolute quantity: 0 removes the line (no offer needed), a missing line is created. */
  setItemQuantity(productId: string, quantity: number, now: Date, offer?: ProductOffer): this {
    this.#assertQuantity(quantity, 0);
    if (quantity === 0) {
      if (this.#find(productId)) this.#remove(productId, now);
      else this.#assertActive();
      return this;
    }
    if (!offer) throw new TypeError('Setting a quantity above 0 needs the product offer.');
    this.#put(productId, quantity, now, offer);
    return this;
  }

  removeItem(productId: string, now: Date): this {
    this.#assertActive();
    if (!this.#find(productId)) throw new LineNotFoundError(productId);
    this.#remove(productId, now);
    return this;
  }

  /** Freezes the cart for the Orders service; an empty cart cannot be checked out. */
  checkOut(now: Date): this {
    this.#assertActive();
    if (this.#lines.length === 0) throw new CartEmptyError(this.#loaded.id);
    this.#status = 'checked_out';
    this.#changedAt = now;
    return this;
  }

  /** A guest cart becomes the customer's; claiming one's own cart again changes nothing. */
  claim(ownerId: string, now: Date): this {
    this.#assertActive();
    if (this.#ownerId === ownerId) return this;
    if (this.#ownerId !== null) throw new CartNotFoundError(this.#loaded.id);
    this.#ownerId = ownerId;
    this.#changedAt = now;
    return this;
  }

  /**
   * Takes the lines of another cart: quantities add up, capped at the per-line limit; lines past the
   * line limit are left out. Returns how many units could not be taken.
   */
  mergeFrom(source: CartSnapshot, now: Date): { readonly unitsLeftOut: number } {
    this.#assertActive();
    if (source.currency !== this.#loaded.currency) throw new CurrencyMismatchError(this.#loaded.currency, source.currency);
    let unitsLeftOut = 0;
    for (const line of source.lines) {
      const existing = this.#find(line.productId);
      if (!existing && this.#lines.length >= this.#limits.maxLinesPerCart) {
        unitsLeftOut += line.quantity;
        continue;
      }
      const wanted = (existing?.quantity ?? 0) + line.quantity;
      const quantity = Math.min(wanted, this.#limits.maxQuantityPerLine);
      unitsLeftOut += wanted - quantity;
      const { name, imageUrl, unitPrice, stock } = existing && existing.updatedAt >= line.updatedAt ? existing : line;
      this.#put(line.productId, quantity, now, { name, imageUrl, unitPrice, stock });
    }
    return { unitsLeftOut };
  }

  /** Takes fresh details, prices and stock for the lines named in `offers`; quantities stay. */
  refresh(offers: ReadonlyMap<string, ProductOffer>, now: Date): this {
    this.#assertActive();
    for (const line of this.#lines) {
      const offer = offers.get(line.productId);
      if (offer) this.#put(line.productId, line.quantity, now, offer);
    }
    return this;
  }

  empty(now: Date): this {
    this.#assertActive();
    if (this.#lines.length > 0) {
      this.#lines = [];
      this.#changedAt = now;
    }
    return this;
  }

  get changed(): boolean {
    return this.#changedAt !== null;
  }

  snapshot(): CartSnapshot {
    if (this.#changedAt === null) return this.#loaded;
    return {
      ...this.#loaded,
      status: this.#status,
      ownerId: this.#ownerId,
      guestKey: this.#ownerId === null ? this.#loaded.guestKey : null,
      version: this.#loaded.version + 1,
      updatedAt: this.#changedAt,
      lines: this.#lines,
    };
  }

  #find(productId: string): CartLine | undefined {
    return this.#lines.find((line) => line.productId === productId);
  }

  #put(productId: string, quantity: number, now: Date, offer: ProductOffer): void {
    this.#assertActive();
    if (offer.unitPrice.currency !== this.#loaded.currency) {
      throw new CurrencyMismatchError(this.#loaded.currency, offer.unitPrice.currency);
    }
    if (quantity > this.#limits.maxQuantityPerLine) {
      throw new QuantityLimitExceededError(this.#limits.maxQuantityPerLine);
    }
    const existing = this.#find(productId);
    if (existing && sameLine(existing, quantity, offer)) return;
    const details = { quantity, name: offer.name, imageUrl: offer.imageUrl, unitPrice: offer.unitPrice, stock: offer.stock };
    if (existing) {
      this.#lines = this.#lines.map((line) => (line === existing ? { ...line, ...details, updatedAt: now } : line));
    } else {
      if (this.#lines.length >= this.#limits.maxLinesPerCart) {
        throw new LineLimitExceededError(this.#limits.maxLinesPerCart);
      }
      const position = Math.max(0, ...this.#lines.map((line) => line.position)) + 1;
      const line = { productId, position, ...details, addedUnitPrice: offer.unitPrice, addedAt: now, updatedAt: now };
      this.#lines = [...this.#lines, line];
    }
    this.#changedAt = now;
  }

  #remove(productId: string, now: Date): void {
    this.#assertActive();
    this.#lines = this.#lines.filter((line) => line.productId !== productId);
    this.#changedAt = now;
  }

  #assertActive(): void {
    if (this.#status !== 'active') throw new CartCheckedOutError(this.#loaded.id);
  }

  #assertQuantity(quantity: number, minimum: number): void {
    if (!Number.isSafeInteger(quantity) || quantity < minimum) {
      throw new ValidationError(`The quantity must be a whole number of at least ${minimum}.`, [
        { pointer: '/quantity', detail: `an integer >= ${minimum}` },
      ]);
    }
  }
}

/** True when writing the offer at this quantity would change nothing the shopper can see. */
function sameLine(line: CartLine, quantity: number, offer: ProductOffer): boolean {
  return (
    line.quantity === quantity &&
    line.name === offer.name &&
    line.imageUrl === offer.imageUrl &&
    line.unitPrice.amount === offer.unitPrice.amount &&
    line.stock === offer.stock
  );
}

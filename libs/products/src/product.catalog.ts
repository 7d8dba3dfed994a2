/** What the cart needs to know about a product when a line changes: a snapshot, not a live view. */
export interface Product {
  readonly id: string;
  readonly name: string;
  /** A URL or URL path of the product's image; null when the product has none. */
  readonly imageUrl: string | null;
  /** False when the product exists but is not for sale. */
  readonly active: boolean;
  /** Units on hand, an integer of 0 or more. */
  readonly stock: number;
}

/** Many products by id in one call. Unknown ids are absent from the answer, never an error. */
export interface ProductCatalog {
  findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, Product>>;
}

/** A product as the Products service describes it. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly active: boolean;
  readonly stock: number;
}

/** Products by id, many in one call; unknown ids are absent from the answer. */
export interface ProductCatalog {
  findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, Product>>;
}

/** Categories of the embedded catalog, by id range: 001-060, 061-120, 121-180, 181-240, 241-300. */
export const PRODUCT_CATEGORIES = ['coffee-and-tea', 'kitchen', 'books', 'stationery', 'home-and-garden'] as const;

export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

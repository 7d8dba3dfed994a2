/**
 * Seeded cart ids: a group prefix and a 1-based index, laid out as a UUIDv7-shaped string so the
 * api's validation takes them. The SQL seed builds the same ids (see cartIdSql).
 */
export function cartId(prefix: number, index: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** The same id in SQL, for `generate_series` index `g` and a prefix given as `$1`-style parameter. */
export function cartIdSql(prefixParameter: string, index: string): string {
  return `(lpad(to_hex(${prefixParameter}::int), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(${index}), 12, '0'))::uuid`;
}

/** Owner ids sit this far above their cart's prefix: every seeded cart has a shopper of its own. */
const ownerOffset = 0x40000000;

/** The owner (token subject) of seeded cart `cartId(prefix, index)`; per-caller rate limits then see many shoppers. */
export function ownerId(prefix: number, index: number): string {
  return cartId(prefix + ownerOffset, index);
}

/** ownerId in SQL, as cartIdSql. */
export function ownerIdSql(prefixParameter: string, index: string): string {
  return cartIdSql(`(${prefixParameter}::int + ${ownerOffset})`, index);
}

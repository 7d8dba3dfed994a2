/** A cart joined with one of its lines, as `selectCart` returns it (line columns null for an empty cart). */
export interface CartRow {
  readonly id: string;
  readonly owner_id: string | null;
  readonly guest_key: string | null;
  readonly status: string;
  readonly currency: string;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly product_id: string | null;
  readonly quantity: number | null;
  readonly position: number | null;
  readonly name: string | null;
  readonly image_url: string | null;
  readonly unit_price: number | null;
  readonly added_unit_price: number | null;
  readonly stock: number | null;
  readonly added_at: Date | null;
  readonly line_updated_at: Date | null;
}

export interface Line {
  readonly productId: string;
  readonly quantity: number;
  readonly position: number;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: number;
  readonly addedUnitPrice: number;
  readonly stock: number;
  readonly addedAt: Date;
  readonly updatedAt: Date;
}

export interface Cart {
  readonly id: string;
  readonly ownerId: string | null;
  readonly guestKey: string | null;
  readonly status: string;
  readonly currency: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lines: readonly Line[];
}

/** The cart in the rows of one `selectCart`, or null when there are none. */
export function cartFromRows(rows: readonly CartRow[]): Cart | null {
  const first = rows[0];
  if (!first) return null;
  const lines: Line[] = [];
  for (const row of rows) {
    if (row.product_id === null) continue;
    lines.push({
      productId: row.product_id,
      quantity: row.quantity ?? 0,
      position: row.position ?? 0,
      name: row.name ?? '',
      imageUrl: row.image_url,
      unitPrice: row.unit_price ?? 0,
      addedUnitPrice: row.added_unit_price ?? 0,
      stock: row.stock ?? 0,
      addedAt: row.added_at ?? first.created_at,
      updatedAt: row.line_updated_at ?? first.updated_at,
    });
  }
  return {
    id: first.id,
    ownerId: first.owner_id,
    guestKey: first.guest_key,
    status: first.status,
    currency: first.currency,
    version: first.version,
    createdAt: first.created_at,
    updatedAt: first.updated_at,
    lines,
  };
}

/** The cart as the api answers it (apps/api cart.presenter.ts), field for field. */
export function cartBody(cart: Cart) {
  const money = (amount: number) => ({ amount, currency: cart.currency });
  let quantity = 0;
  let subtotal = 0;
  const items = cart.lines.map((line) => {
    quantity += line.quantity;
    subtotal += line.unitPrice * line.quantity;
    return {
      productId: line.productId,
      quantity: line.quantity,
      name: line.name,
      imageUrl: line.imageUrl,
      unitPrice: money(line.unitPrice),
      lineTotal: money(line.unitPrice * line.quantity),
      inStock: line.stock >= line.quantity,
      moreInStock: line.stock > line.quantity,
      priceChanged: line.unitPrice !== line.addedUnitPrice,
      addedUnitPrice: money(line.addedUnitPrice),
      addedAt: line.addedAt.toISOString(),
      updatedAt: line.updatedAt.toISOString(),
    };
  });
  return {
    id: cart.id,
    ownerId: cart.ownerId,
    status: cart.status,
    currency: cart.currency,
    version: cart.version,
    createdAt: cart.createdAt.toISOString(),
    updatedAt: cart.updatedAt.toISOString(),
    items,
    totals: { lines: cart.lines.length, quantity, subtotal: money(subtotal) },
  };
}

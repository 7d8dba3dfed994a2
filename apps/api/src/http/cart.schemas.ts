import { z } from 'zod';
import { isIsoCurrencyCode } from '@carteria/kernel';

/** UUIDs are compared as text (owner checks), so they are held in PostgreSQL's lower case. */
function lowerCase(id: string): string {
  return id.toLowerCase();
}

const cartIdMeta = { description: 'The cart id, a UUIDv7 made by the service.', example: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11' };
const userIdMeta = { description: 'A user id (the `sub` of their token).', example: '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60' };
/** As requests carry them (any case, held in lower case). */
export const cartId = z.uuid().transform(lowerCase).meta(cartIdMeta);
export const userId = z.uuid().transform(lowerCase).meta(userIdMeta);
/** As responses carry them. */
const cartIdText = z.uuid().meta(cartIdMeta);
const userIdText = z.uuid().meta(userIdMeta);
export const productId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 characters from [A-Za-z0-9._:-]')
  .meta({ description: 'An opaque product id.', example: 'sku-42' });
const currency = z
  .string()
  .refine(isIsoCurrencyCode, 'must be an ISO 4217 currency code')
  .meta({ description: 'ISO 4217 currency code.', example: 'EUR' });
const quantity = z.int().meta({ description: 'A whole number of units.', example: 2 });

export const cartPath = z.object({ cartId });
export const linePath = z.object({ cartId, productId });
export const userCartsPath = z.object({ userId });

export const createCartBody = z.strictObject({ currency: currency.optional() }).optional();
export const addItemBody = z
  .strictObject({ productId, quantity: quantity.min(1) })
  .meta({ examples: [{ productId: 'sku-42', quantity: 2 }] });
export const setQuantityBody = z.strictObject({ quantity: quantity.min(0) }).meta({ examples: [{ quantity: 3 }] });
export const mergeBody = z.strictObject({ sourceCartId: cartId.meta({ description: 'The guest cart to merge in and delete.' }) });

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Page size, 1 to 100.' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
});

const timestamp = z.iso.datetime().meta({ description: 'RFC 3339, UTC.', example: '2026-11-21T10:00:00.000Z' });

export const moneySchema = z
  .object({
    amount: z.int().meta({ description: 'Integer minor units (cents); never a float.', example: 1250 }),
    currency,
  })
  .meta({ id: 'Money' });

const totalsSchema = z
  .object({
    lines: z.int().min(0),
    quantity: z.int().min(0),
    subtotal: moneySchema,
  })
  .meta({ id: 'Totals' });

const cartExample = {
  id: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11',
  ownerId: '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60',
  status: 'active',
  currency: 'EUR',
  version: 3,
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:05:00.000Z',
  items: [
    {
      productId: 'sku-42',
      quantity: 2,
      name: 'Espresso cup',
      imageUrl: null,
      unitPrice: { amount: 1250, currency: 'EUR' },
      lineTotal: { amount: 2500, currency: 'EUR' },
      inStock: true,
      moreInStock: true,
      priceChanged: false,
      addedUnitPrice: { amount: 1250, currency: 'EUR' },
      addedAt: '2026-11-21T10:01:00.000Z',
      updatedAt: '2026-11-21T10:05:00.000Z',
    },
  ],
  totals: { lines: 1, quantity: 2, subtotal: { amount: 2500, currency: 'EUR' } },
};

export const cartItemSchema = z
  .object({
    productId,
    quantity: quantity.min(1),
    name: z.string().meta({ description: 'From Products, when the line last changed.', example: 'Espresso cup' }),
    imageUrl: z.string().nullable(),
    unitPrice: moneySchema.meta({ description: 'From Billing, when the line last changed.' }),
    lineTotal: moneySchema,
    inStock: z.boolean().meta({ description: 'Stock on hand covers this line.' }),
    moreInStock: z.boolean().meta({ description: 'Stock on hand exceeds this line: one more can be added.' }),
    priceChanged: z.boolean().meta({ description: 'The unit price differs from the one when the line was first added.' }),
    addedUnitPrice: moneySchema.meta({ description: 'The unit price when the line was first added.' }),
    addedAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'CartItem' });

export const cartSchema = z
  .object({
    id: cartIdText,
    ownerId: userIdText.nullable().meta({ description: 'The owner, or null for a guest cart.' }),
    status: z.enum(['active', 'checked_out']),
    currency,
    version: z.int().min(1).meta({ description: 'Raised by one on each change; also the ETag.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    items: z.array(cartItemSchema).meta({ description: 'In the order the lines were first added.' }),
    totals: totalsSchema,
  })
  .meta({ id: 'Cart', examples: [cartExample] });

export const createdCartSchema = cartSchema
  .extend({
    cartToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/)
      .optional()
      .meta({ description: 'Guest carts only, this once: the secret to send as `Cart-Token`.', example: 'q3Xw0N1mYc2vH8sR5tL9pK4jD7fG6aZ0bE1uI2oP3sA' }),
  })
  .meta({ id: 'CreatedCart' });

export const cartPageSchema = z
  .object({ items: z.array(cartSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CartPage' });

export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^\s*(?:\*|(?:W\/)?"\d{1,15}")\s*$/)
    .optional()
    .meta({
      description: 'The cart version you saw, as `"<version>"` (or `*`); a stale one gets 412 and changes nothing.',
      example: '"3"',
    }),
});

export const ifNoneMatchHeaders = z.object({
  'if-none-match': z
    .string()
    .optional()
    .meta({ description: 'The ETag(s) you hold, comma-separated, or `*`; 304 when one is still current.', example: '"3"' }),
});

export const checkoutSchema = z
  .object({
    cartId: cartIdText,
    ownerId: userIdText.nullable(),
    currency,
    confirmedVersion: z.int().meta({ description: 'The cart version the shopper confirmed with If-Match.' }),
    version: z.int().meta({ description: 'The version of the frozen cart.' }),
    checkedOutAt: timestamp,
    lines: z.array(
      z.object({ productId, name: z.string(), quantity: quantity.min(1), unitPrice: moneySchema, lineTotal: moneySchema }),
    ),
    totals: totalsSchema,
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'SHA-256 (hex) of the RFC 8785 canonical JSON of the checkout without checkedOutAt and contentHash.' }),
  })
  .meta({ id: 'Checkout' });

export const eventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: 'Page size, 1 to 100.' }),
  cursor: z.string().max(40).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

export const cloudEventSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string(),
    source: z.string(),
    type: z.string().meta({ example: 'cart.item_added' }),
    subject: z.string().meta({ description: 'The cart id.' }),
    time: timestamp,
    datacontenttype: z.literal('application/json'),
    sequence: z.string().meta({ description: "The cart's version after the change, zero-padded; compare numerically." }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CartEvent', description: 'CloudEvents 1.0; JSON Schemas per type ship in libs/analytics/schemas.' });

export const eventPageSchema = z
  .object({ items: z.array(cloudEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CartEventPage' });

/**
 * The statements the api sends for a cart read, an add and a quantity change, copied as the api's
 * PostgreSQL driver sends them (PrismaCartRepository, saveCartChanges and the idempotency store, read
 * through the wire-protocol proxy). The query-budget spec checks that the baseline still sends the
 * api's sequence, so a change on either side shows up there.
 */
const cartColumns = `c.id, c.owner_id, c.guest_key, c.status, c.currency, c.version, c.created_at, c.updated_at,
  l.product_id, l.quantity, l.position, l.name, l.image_url, l.unit_price, l.added_unit_price, l.stock,
  l.added_at, l.updated_at AS line_updated_at`;

export const selectCart = `SELECT ${cartColumns} FROM carts c LEFT JOIN cart_lines l ON l.cart_id = c.id WHERE c.id = $1::uuid ORDER BY l.position`;

export const lockCart = 'SELECT 1 FROM carts WHERE id = $1::uuid FOR UPDATE';

const lineColumns = ['cart_id', 'product_id', 'position', 'quantity', 'name', 'image_url', 'unit_price', 'added_unit_price', 'stock', 'added_at', 'updated_at'];
const returningLine = lineColumns.map((column) => `"public"."cart_lines"."${column}"`).join(', ');

export const updateLine =
  'UPDATE "public"."cart_lines" SET "quantity" = $1, "name" = $2, "image_url" = $3, "unit_price" = $4, "stock" = $5, "updated_at" = $6 ' +
  'WHERE (("public"."cart_lines"."cart_id" = $7 AND "public"."cart_lines"."product_id" = $8) AND 1=1) ' +
  `RETURNING ${returningLine}`;

export const insertLine =
  `INSERT INTO "public"."cart_lines" (${lineColumns.map((column) => `"${column}"`).join(',')}) ` +
  'VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ' +
  `RETURNING ${returningLine}`;

export const updateCart =
  'UPDATE "public"."carts" SET "version" = $1, "status" = $2, "owner_id" = $3, "guest_key" = $4, "updated_at" = $5 ' +
  'WHERE ("public"."carts"."id" = $6 AND "public"."carts"."version" = $7)';

const eventColumns = ['cart_id', 'sequence', 'id', 'type', 'occurred_at', 'data'];
export const insertEvent =
  `INSERT INTO "public"."cart_events" (${eventColumns.map((column) => `"${column}"`).join(',')}) VALUES ($1,$2,$3,$4,$5,$6) ` +
  `RETURNING ${[...eventColumns, 'published_at'].map((column) => `"public"."cart_events"."${column}"`).join(', ')}`;

export const lockIdempotencyKey = `
        SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`;

const recordColumns = ['scope', 'key', 'fingerprint', 'status', 'headers', 'body', 'created_at', 'expires_at'];
const qualifiedRecordColumns = recordColumns.map((column) => `"public"."idempotency_records"."${column}"`).join(', ');

export const selectIdempotencyRecord =
  `SELECT ${qualifiedRecordColumns} FROM "public"."idempotency_records" ` +
  'WHERE (("public"."idempotency_records"."scope" = $1 AND "public"."idempotency_records"."key" = $2) AND 1=1) LIMIT $3 OFFSET $4';

export const upsertIdempotencyRecord =
  `INSERT INTO "public"."idempotency_records" (${recordColumns.map((column) => `"${column}"`).join(',')}) ` +
  'VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT ("scope","key") DO UPDATE SET ' +
  '"fingerprint" = $9, "status" = $10, "headers" = $11, "body" = $12, "created_at" = $13, "expires_at" = $14 ' +
  'WHERE (("public"."idempotency_records"."scope" = $15 AND "public"."idempotency_records"."key" = $16) AND 1=1) ' +
  `RETURNING ${qualifiedRecordColumns}`;

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

/** Locks the cart and reads it; `seen_version` differs from `version` when the lines may be stale (then re-read). */
export const lockCart =
  `WITH seen AS MATERIALIZED (SELECT version FROM carts WHERE id = $1::uuid) SELECT ${cartColumns}, seen.version AS seen_version ` +
  'FROM carts c CROSS JOIN seen LEFT JOIN cart_lines l ON l.cart_id = c.id WHERE c.id = $2::uuid ORDER BY l.position FOR UPDATE OF c';

/** One new or changed line, the outbox event and the version-checked cart row, in one statement. */
export const saveLine =
  'WITH lines AS (INSERT INTO cart_lines (cart_id, product_id, position, quantity, name, image_url, unit_price, added_unit_price, stock, added_at, updated_at) ' +
  'VALUES ($1::uuid, $2, $3::int, $4::int, $5, $6, $7::int, $8::int, $9::int, $10::timestamptz, $11::timestamptz) ' +
  'ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = excluded.quantity, name = excluded.name, image_url = excluded.image_url, ' +
  'unit_price = excluded.unit_price, stock = excluded.stock, updated_at = excluded.updated_at), ' +
  'event AS (INSERT INTO cart_events (cart_id, sequence, id, type, occurred_at, data) VALUES ($12::uuid, $13::int, $14::uuid, $15, $16::timestamptz, $17::jsonb)) ' +
  'UPDATE carts SET version = $18::int, status = $19, owner_id = $20::uuid, guest_key = $21, updated_at = $22::timestamptz WHERE id = $23::uuid AND version = $24::int';

/** The key's advisory lock and its record, in one statement. */
export const lockIdempotencyKey =
  'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked, r.fingerprint, r.status, r.headers, r.body, r.expires_at ' +
  'FROM (SELECT 1) one LEFT JOIN idempotency_records r ON r.scope = $2 AND r.key = $3';

/** The stored reply; overwrites only an expired record (0 rows: a duplicate committed meanwhile). */
export const insertIdempotencyRecord =
  'INSERT INTO idempotency_records (scope, key, fingerprint, status, headers, body, created_at, expires_at) ' +
  'VALUES ($1, $2, $3, $4::int, $5::jsonb, $6, $7::timestamptz, $8::timestamptz) ON CONFLICT (scope, key) DO UPDATE SET ' +
  'fingerprint = excluded.fingerprint, status = excluded.status, headers = excluded.headers, body = excluded.body, ' +
  'created_at = excluded.created_at, expires_at = excluded.expires_at WHERE idempotency_records.expires_at <= $9::timestamptz';

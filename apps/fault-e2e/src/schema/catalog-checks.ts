import type pg from 'pg';

/**
 * The cart aggregate's tables and the column that names the cart in each: the distribution
 * column under Citus (`carts.id` is the cart id itself).
 */
export const cartTables: Readonly<Record<string, string>> = Object.freeze({ carts: 'id', cart_lines: 'cart_id', cart_events: 'cart_id' });

/** The one scatter-gather query (a user's carts) has its own index led by this column. */
export const listingColumn = { table: 'carts', column: 'owner_id' } as const;

interface KeyRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

/** Primary keys, unique constraints and unique indexes, foreign keys, and plain indexes of the public schema. */
async function keys(client: pg.Client): Promise<KeyRow[]> {
  const { rows } = await client.query<KeyRow>(`
    SELECT c.relname::text AS table, con.conname::text AS name, con.contype::text AS kind,
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           rc.relname::text AS referenced_table,
           CASE WHEN con.confrelid = 0 THEN NULL ELSE
             ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) END AS referenced_columns
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class rc ON rc.oid = con.confrelid
    WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
    UNION ALL
    SELECT t.relname::text, i.relname::text, CASE WHEN x.indisunique THEN 'u' ELSE 'i' END,
           ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord),
           NULL, NULL
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)`);
  return rows;
}

/**
 * Reads the migrated schema from information_schema and pg_catalog and lists every way it is not
 * ready to be distributed by cart id. Empty means ready.
 */
export async function shardingViolations(client: pg.Client): Promise<string[]> {
  const violations: string[] = [];
  const all = await keys(client);

  for (const [table, column] of Object.entries(cartTables)) {
    const primary = all.find((row) => row.table === table && row.kind === 'p');
    if (!primary) violations.push(`${table}: no primary key`);
    else if (primary.columns[0] !== column) violations.push(`${table}: primary key (${primary.columns.join(', ')}) does not start with ${column}`);
    // Citus enforces a unique constraint only within a shard: it must contain the distribution column.
    for (const unique of all.filter((row) => row.table === table && row.kind === 'u')) {
      if (!unique.columns.includes(column)) violations.push(`${table}: unique ${unique.name} (${unique.columns.join(', ')}) lacks ${column}`);
    }
  }

  const { rows: types } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND (table_name, column_name) IN (('carts', 'id'), ('cart_lines', 'cart_id'), ('cart_events', 'cart_id'))`,
  );
  for (const [table, column] of Object.entries(cartTables)) {
    const type = types.find((row) => row.table_name === table && row.column_name === column)?.data_type;
    // Co-location needs the same type in every table; a UUID made by the service needs no sequence.
    if (type !== 'uuid') violations.push(`${table}.${column}: type ${type ?? 'missing'}, not uuid`);
  }

  const { rows: sequences } = await client.query<{ name: string }>(
    `SELECT sequence_schema || '.' || sequence_name AS name FROM information_schema.sequences WHERE sequence_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  violations.push(...sequences.map((row) => `sequence ${row.name}`));
  const { rows: generated } = await client.query<{ name: string; why: string }>(
    `SELECT table_name || '.' || column_name AS name,
            CASE WHEN is_identity = 'YES' THEN 'identity column' ELSE 'default ' || column_default END AS why
     FROM information_schema.columns
     WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
  );
  violations.push(...generated.map((row) => `${row.name}: ${row.why}`));

  for (const foreign of all.filter((row) => row.kind === 'f')) {
    const from = cartTables[foreign.table];
    const to = foreign.referenced_table === null ? undefined : cartTables[foreign.referenced_table];
    // Inside the aggregate and on the distribution columns: both rows are on one shard (co-located).
    const inside = from !== undefined && to !== undefined && foreign.columns[0] === from && foreign.referenced_columns?.[0] === to;
    if (!inside) {
      violations.push(
        `foreign key ${foreign.name}: ${foreign.table}(${foreign.columns.join(', ')}) -> ${foreign.referenced_table}(${(foreign.referenced_columns ?? []).join(', ')}) crosses aggregates`,
      );
    }
  }

  const listing = all.find((row) => row.table === listingColumn.table && (row.kind === 'i' || row.kind === 'u') && row.columns[0] === listingColumn.column);
  if (!listing) violations.push(`${listingColumn.table}: no index led by ${listingColumn.column} for listing a user's carts`);
  return violations;
}

/** The foreign keys of the schema, `table(columns) -> table(columns)`, for the report. */
export async function foreignKeys(client: pg.Client): Promise<string[]> {
  return (await keys(client))
    .filter((row) => row.kind === 'f')
    .map((row) => `${row.table}(${row.columns.join(', ')}) -> ${row.referenced_table}(${(row.referenced_columns ?? []).join(', ')})`);
}

import type { SqlExecutor } from '../sql-session.ts';
import { byName, normalizeDefault, type ReferentialAction, type TableShape } from './table-shape.ts';

const inSchema = `n.nspname = current_schema()`;

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  nullable: boolean;
  default_expression: string | null;
  generated_by_sequence: boolean;
}

interface IndexRow {
  table_name: string;
  name: string;
  is_primary: boolean;
  is_unique: boolean;
  method: string;
  predicate: string | null;
  columns: string[];
}

interface ForeignKeyRow {
  table_name: string;
  name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

const actions: Readonly<Record<string, ReferentialAction>> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

/** The tables of the current schema, read from pg_catalog; Prisma's bookkeeping table is left out. */
export async function readCatalogShape(sql: SqlExecutor): Promise<TableShape[]> {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${inSchema} AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  const columns = await sql.query<ColumnRow>(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default_expression,
            (a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%') AS generated_by_sequence
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE ${inSchema} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const indexes = await sql.query<IndexRow>(
    `SELECT t.relname AS table_name, i.relname AS name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
            am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
            ARRAY(SELECT replace(pg_get_indexdef(x.indexrelid, k + 1, true), '"', '')
                         || CASE WHEN x.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_subscripts(x.indkey, 1) AS k ORDER BY k) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE ${inSchema}`,
  );
  const foreignKeys = await sql.query<ForeignKeyRow>(
    `SELECT t.relname AS table_name, con.conname AS name, r.relname AS referenced_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS referenced_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class r ON r.oid = con.confrelid
      WHERE ${inSchema} AND con.contype = 'f'`,
  );

  return byName(
    tables.map(({ name }) => {
      const own = <Row extends { table_name: string }>(rows: Row[]) => rows.filter((row) => row.table_name === name);
      const tableIndexes = own(indexes);
      const primary = tableIndexes.find((index) => index.is_primary);
      return {
        name,
        columns: Object.fromEntries(
          own(columns).map((column) => [
            column.column_name,
            {
              type: column.type,
              nullable: column.nullable,
              default: normalizeDefault(column.default_expression),
              generatedBySequence: column.generated_by_sequence,
            },
          ]),
        ),
        primaryKey: primary ? { name: primary.name, columns: primary.columns } : null,
        uniques: byName(tableIndexes.filter((i) => i.is_unique && !i.is_primary).map(indexShape)),
        indexes: byName(tableIndexes.filter((i) => !i.is_unique).map(indexShape)),
        foreignKeys: byName(
          own(foreignKeys).map((fk) => ({
            name: fk.name,
            columns: fk.columns,
            referencedTable: fk.referenced_table,
            referencedColumns: fk.referenced_columns,
            onDelete: action(fk.on_delete),
            onUpdate: action(fk.on_update),
          })),
        ),
      };
    }),
  );
}

function indexShape(row: IndexRow) {
  return { name: row.name, columns: row.columns, method: row.method, predicate: row.predicate };
}

function action(code: string): ReferentialAction {
  const known = actions[code];
  if (!known) throw new Error(`Unknown referential action code "${code}".`);
  return known;
}

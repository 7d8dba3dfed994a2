/**
 * What a table looks like to the drift check, in PostgreSQL's own words (types as `format_type()`
 * prints them, defaults as `pg_get_expr()` prints them without casts), so that a migrated database
 * and the Prisma schema can be compared with one `toEqual`.
 */
export interface TableShape {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnShape>>;
  readonly primaryKey: KeyShape | null;
  /** Unique indexes and unique constraints other than the primary key, sorted by name. */
  readonly uniques: readonly IndexShape[];
  /** Non-unique indexes, sorted by name. */
  readonly indexes: readonly IndexShape[];
  readonly foreignKeys: readonly ForeignKeyShape[];
}

export interface ColumnShape {
  readonly type: string;
  readonly nullable: boolean;
  readonly default: string | null;
  /** Identity or serial: never wanted (no sequences), listed so that one shows up as a difference. */
  readonly generatedBySequence: boolean;
}

export interface KeyShape {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface IndexShape extends KeyShape {
  /** Access method (`btree`, `hash`, ...); columns carry ` DESC` where sorted descending. */
  readonly method: string;
  /** The WHERE of a partial index. */
  readonly predicate: string | null;
}

export type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

export interface ForeignKeyShape extends KeyShape {
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** Drops the casts `pg_get_expr()` adds (`'active'::character varying` is `'active'`) and quotes around numbers. */
export function normalizeDefault(expression: string | null): string | null {
  if (expression === null) return null;
  let normalized = expression.trim();
  const cast = /::(?:"[^"]+"|[a-z_][a-z0-9_ ]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?$/i;
  while (cast.test(normalized)) normalized = normalized.replace(cast, '').trim();
  const quotedNumber = /^'(-?\d+(?:\.\d+)?)'$/.exec(normalized);
  return quotedNumber?.[1] ?? normalized;
}

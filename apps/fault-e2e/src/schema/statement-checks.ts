import type pg from 'pg';
import { cartTables, listingColumn } from './catalog-checks.ts';

/** A statement pg_stat_statements recorded (normalized: constants became $n) and how it reaches the cart tables. */
export interface CheckedStatement {
  readonly query: string;
  readonly calls: number;
  /**
   * `none`: touches no table checked here; `cart`: every cart-table access is by cart id; `owner`:
   * the listing; `record`: an idempotency record by its own key (scope first).
   */
  readonly access: 'none' | 'cart' | 'owner' | 'record' | 'violation';
  readonly detail: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Operation?: string;
  Plans?: PlanNode[];
}

/** The tables checked, each with the column it must be reached by: the cart tables, and idempotency records by their scope. */
const keyedTables: Readonly<Record<string, string>> = { ...cartTables, idempotency_records: 'scope' };

const tablePattern = new RegExp(`\\b(?:"?public"?\\.)?"?(${Object.keys(keyedTables).join('|')})"?(?=[\\s,)(]|$)`, 'g');

/** Every statement recorded in this database since the last reset, except the checker's own. */
export async function recordedStatements(client: pg.Client): Promise<{ query: string; calls: number }[]> {
  const { rows } = await client.query<{ query: string; calls: string }>(
    `SELECT query, calls FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
     ORDER BY calls DESC`,
  );
  return rows.map((row) => ({ query: row.query, calls: Number(row.calls) }));
}

/**
 * Decides, from the planner, whether a statement reaches the cart tables only by cart id (or, for
 * listing, by owner): with sequential scans, hash and merge joins switched off and a generic plan
 * (parameters not folded into constants), every scan of a cart table must be an index scan whose
 * index starts with the cart id column and whose condition uses it; a scan by `owner_id` through
 * its own index is the listing. An INSERT must name the cart id column. EXPLAIN does not execute.
 */
export async function checkStatement(client: pg.Client, statement: { query: string; calls: number }): Promise<CheckedStatement> {
  const tables = new Set([...statement.query.matchAll(tablePattern)].map((match) => match[1] ?? ''));
  if (tables.size === 0) return { ...statement, access: 'none', detail: 'no table checked here' };
  // Rows written by INSERT (alone or in a data-modifying CTE) go where their key column says.
  const inserts = [...statement.query.matchAll(/\bINSERT\s+INTO\s+(?:"?public"?\.)?"?(\w+)"?\s*\(([^)]*)\)/gi)].map(([, table = '', columnList = '']) => {
    const columns = columnList.split(',').map((column) => column.trim().replaceAll('"', ''));
    const key = keyedTables[table];
    if (!key || !columns.includes(key)) return { kind: 'violation' as const, text: `insert into ${table} without ${key ?? 'a key column'}` };
    return { kind: cartTables[table] ? ('cart' as const) : ('record' as const), text: `insert into ${table} with ${key}` };
  });
  let plan: PlanNode;
  try {
    plan = await genericPlan(client, statement.query);
  } catch (error) {
    return { ...statement, access: 'violation', detail: `could not be planned: ${error instanceof Error ? error.message : String(error)}` };
  }
  const scans = cartTableScans(plan);
  if (scans.length === 0 && inserts.length === 0) return { ...statement, access: 'violation', detail: 'names a checked table but the plan reads none' };
  const leading = await leadingColumns(client);
  const reads = scans.map((scan) => {
    const table = scan.relation;
    const first = scan.index === undefined ? undefined : leading.get(scan.index);
    if (scan.index === undefined || scan.cond === undefined) return { kind: 'violation' as const, text: `${scan.type} on ${table} with no index condition` };
    const uses = (column: string) => new RegExp(`\\b${column}\\b`).test(scan.cond ?? '');
    if (first !== undefined && first === keyedTables[table] && uses(first)) return { kind: cartTables[table] ? ('cart' as const) : ('record' as const), text: `${table} by ${first} (${scan.index})` };
    if (table === listingColumn.table && first === listingColumn.column && uses(listingColumn.column)) return { kind: 'owner' as const, text: `${table} by ${first} (${scan.index})` };
    return { kind: 'violation' as const, text: `${table} through ${scan.index} on ${scan.cond}` };
  });
  const verdicts = [...inserts, ...reads];
  const bad = verdicts.filter((verdict) => verdict.kind === 'violation');
  const detail = verdicts.map((verdict) => verdict.text).join('; ');
  if (bad.length > 0) return { ...statement, access: 'violation', detail };
  const access = verdicts.some((verdict) => verdict.kind === 'owner') ? 'owner' : verdicts.some((verdict) => verdict.kind === 'cart') ? 'cart' : 'record';
  return { ...statement, access, detail };
}

async function genericPlan(client: pg.Client, query: string): Promise<PlanNode> {
  const parameters = Math.max(0, ...[...query.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await client.query('SET LOCAL enable_seqscan = off');
    await client.query('SET LOCAL enable_hashjoin = off');
    await client.query('SET LOCAL enable_mergejoin = off');
    await client.query(`PREPARE checked_statement AS ${query}`);
    const args = parameters === 0 ? '' : `(${Array.from({ length: parameters }, () => 'NULL').join(', ')})`;
    const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) EXECUTE checked_statement${args}`);
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error('EXPLAIN returned no plan');
    return plan;
  } finally {
    await client.query('ROLLBACK');
    await client.query('DEALLOCATE ALL'); // prepared statements outlive the transaction
  }
}

interface Scan {
  readonly type: string;
  readonly relation: string;
  readonly index: string | undefined;
  readonly cond: string | undefined;
}

/** Scans of the checked tables; a bitmap heap scan takes its index and condition from the bitmap index scans under it. */
function cartTableScans(node: PlanNode): Scan[] {
  const scans: Scan[] = [];
  const relation = node['Relation Name'];
  if (relation !== undefined && keyedTables[relation] !== undefined && node['Node Type'] !== 'ModifyTable') {
    if (node['Node Type'] === 'Bitmap Heap Scan') {
      const indexScans = bitmapIndexScans(node);
      if (indexScans.length === 0) scans.push({ type: node['Node Type'], relation, index: undefined, cond: undefined });
      for (const child of indexScans) scans.push({ type: node['Node Type'], relation, index: child['Index Name'], cond: child['Index Cond'] });
    } else {
      scans.push({ type: node['Node Type'], relation, index: node['Index Name'], cond: node['Index Cond'] });
    }
  }
  for (const child of node.Plans ?? []) if (node['Node Type'] !== 'Bitmap Heap Scan') scans.push(...cartTableScans(child));
  return scans;
}

function bitmapIndexScans(node: PlanNode): PlanNode[] {
  return (node.Plans ?? []).flatMap((child) => (child['Node Type'] === 'Bitmap Index Scan' ? [child] : bitmapIndexScans(child)));
}

/** Index name → its first column, for the public schema. */
async function leadingColumns(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ index: string; column: string }>(
    `SELECT i.relname AS index, a.attname AS column FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
     WHERE n.nspname = 'public'`,
  );
  return new Map(rows.map((row) => [row.index, row.column]));
}

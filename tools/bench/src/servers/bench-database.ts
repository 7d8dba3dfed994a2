import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { cartIdSql, ownerIdSql } from '../load/cart-ids.ts';

/** A product as seeded lines snapshot it. */
export interface SeedProduct {
  readonly id: string;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: number;
  readonly stock: number;
}

/** Filler carts (the stored-carts sweep) use this id prefix; scenario carts use others. */
export const fillerPrefix = 0x7f000000;
const fillerOwnerPrefix = 0x7e000000;

/**
 * A database of the benchmark's own on a PostgreSQL server: created fresh with a random name, seeded
 * with one INSERT ... SELECT generate_series per table, dropped at the end. The api migrates it.
 */
export class BenchDatabase {
  readonly url: string;
  readonly #serverUrl: string;
  readonly #name: string;
  readonly #pool: pg.Pool;

  private constructor(serverUrl: string, name: string) {
    this.#serverUrl = serverUrl;
    this.#name = name;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    this.url = url.toString();
    this.#pool = new pg.Pool({ connectionString: this.url, max: 1 });
  }

  static async create(serverUrl: string): Promise<BenchDatabase> {
    const name = `carteria_bench_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    return new BenchDatabase(serverUrl, name);
  }

  /** A database made elsewhere (e.g. by a test), for seeding only: close() it, never drop() it. */
  static attach(url: string): BenchDatabase {
    const parsed = new URL(url);
    const name = parsed.pathname.slice(1);
    parsed.pathname = '/postgres';
    return new BenchDatabase(parsed.toString(), name);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  get name(): string {
    return this.#name;
  }

  /** `count` active carts with ids cartId(prefix, 1..count), owned by ownerId(prefix, i), each holding one unit of every product. */
  async seedCarts(prefix: number, count: number, products: readonly SeedProduct[]): Promise<void> {
    await this.#pool.query(
      `INSERT INTO carts (id, owner_id, status, currency, version, created_at, updated_at)
       SELECT ${cartIdSql('$1', 'g')}, ${ownerIdSql('$1', 'g')}, 'active', 'EUR', 1, now(), now() FROM generate_series(1, $2::int) g`,
      [prefix, count],
    );
    const lines = products.map((product, index) => ({ ...product, position: index + 1 }));
    await this.#pool.query(
      `INSERT INTO cart_lines (cart_id, product_id, position, quantity, name, image_url, unit_price, added_unit_price, stock, added_at, updated_at)
       SELECT ${cartIdSql('$1', 'g')}, p.id, p.position, 1, p.name, p."imageUrl", p."unitPrice", p."unitPrice", p.stock, now(), now()
       FROM generate_series(1, $2::int) g
       CROSS JOIN jsonb_to_recordset($3::jsonb) AS p(id text, position int, name text, "imageUrl" text, "unitPrice" int, stock int)`,
      [prefix, count, JSON.stringify(lines)],
    );
  }

  /**
   * Other shoppers' carts (one line each, one owner each) up to `total` filler carts, then fresh
   * planner statistics. Ids and owners ascend, as UUIDv7s made over time do, so the seed appends to
   * the indexes (a million carts in tens of seconds on 2 cores).
   */
  async fillTo(total: number, product: SeedProduct): Promise<void> {
    const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carts WHERE id >= $1::uuid', [
      `${fillerPrefix.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`,
    ]);
    const from = (rows[0]?.n ?? 0) + 1;
    if (from > total) return;
    await this.#pool.query(
      `INSERT INTO carts (id, owner_id, status, currency, version, created_at, updated_at)
       SELECT ${cartIdSql('$1', 'g')}, ${cartIdSql('$4', 'g')}, 'active', 'EUR', 1, now(), now() FROM generate_series($2::int, $3::int) g`,
      [fillerPrefix, from, total, fillerOwnerPrefix],
    );
    await this.#pool.query(
      `INSERT INTO cart_lines (cart_id, product_id, position, quantity, name, image_url, unit_price, added_unit_price, stock, added_at, updated_at)
       SELECT ${cartIdSql('$1', 'g')}, $4, 1, 1, $5, $6, $7, $7, $8, now(), now() FROM generate_series($2::int, $3::int) g`,
      [fillerPrefix, from, total, product.id, product.name, product.imageUrl, product.unitPrice, product.stock],
    );
    await this.#pool.query('ANALYZE carts, cart_lines');
  }

  async serverVersion(): Promise<string> {
    const { rows } = await this.#pool.query<{ version: string }>("SELECT 'PostgreSQL ' || current_setting('server_version') AS version");
    return rows[0]?.version ?? 'PostgreSQL';
  }

  async cartCount(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carts');
    return rows[0]?.n ?? 0;
  }

  /** Drops the database, closing what is still connected to it. */
  async drop(): Promise<void> {
    await this.#pool.end();
    await onServer(this.#serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${this.#name} WITH (FORCE)`));
  }
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

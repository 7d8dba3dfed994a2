import { Gauge, type Registry } from 'prom-client';
import type { Database } from '@carteria/db';

/**
 * The PostgreSQL pool, read at scrape time: a pool that runs out is the first sign of a slow
 * database. The embedded database has no pool and reports nothing.
 */
export function registerDatabaseMetrics(registry: Registry, database: Database): void {
  const usage = () => database.poolUsage();
  new Gauge({
    name: 'cart_db_pool_connections',
    help: 'Pooled database connections by state (idle, in_use).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = usage();
      if (!pool) return;
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'in_use' }, pool.open - pool.idle);
    },
  });
  new Gauge({
    name: 'cart_db_pool_max_connections',
    help: 'The most connections the pool opens (DATABASE_POOL_SIZE).',
    registers: [registry],
    collect() {
      const pool = usage();
      if (pool) this.set(pool.max);
    },
  });
  new Gauge({
    name: 'cart_db_pool_waiting_requests',
    help: 'Callers waiting for a pooled connection.',
    registers: [registry],
    collect() {
      const pool = usage();
      if (pool) this.set(pool.waiting);
    },
  });
}

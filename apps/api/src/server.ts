import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger as PinoLogger } from 'pino';
import { TokenVerifier, AUTHZ_TOKENS } from '@carteria/authz';
import { CART_TOKENS, ExpireCarts } from '@carteria/cart';
import { systemClock } from '@carteria/kernel';
import { everyInterval } from './background/periodic-task.ts';
import { migrate, openDatabase, Transactions, type Database } from '@carteria/db';
import type { AppConfig } from './config.ts';
import { buildContainer, usesDevSecret } from './container.ts';
import { createHttpApp } from './http/app.ts';
import { cartRoutes, type CartUseCases } from './http/cart.routes.ts';
import type { Phase } from './http/health.routes.ts';
import { PromClientMetrics } from './observability/client.metrics.ts';
import { PromOutboxMetrics } from './observability/outbox.metrics.ts';
import { registerDatabaseMetrics } from './observability/database.metrics.ts';
import { withSpan } from './observability/use-case.spans.ts';
import { ANALYTICS_TOKENS, type OutboxRelay } from '@carteria/analytics';
import { IdempotencyStore } from './idempotency/idempotency.store.ts';

export interface RunningService {
  readonly server: Server;
  readonly database: Database;
  /**
   * Turns unready, keeps serving for the shutdown delay, stops accepting, lets requests in flight
   * finish (up to the grace period), stops the background work after its current batch, closes the
   * broker and the database.
   */
  stop(): Promise<void>;
}

/**
 * Opens the database, starts listening at once (so probes answer 503 while migrating), applies the
 * migrations, then turns ready.
 */
export async function startService(config: AppConfig, logger: PinoLogger): Promise<RunningService> {
  let phase: Phase = 'starting';
  const database = await openDatabase({
    ...(config.database.url ? { url: config.database.url } : {}),
    dataDir: config.database.dataDir,
    pgliteTemplate: config.database.pgliteTemplate,
    poolSize: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    logger,
  });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerDatabaseMetrics(registry, database);
  const transactions = new Transactions(database.prisma);
  const idempotency = new IdempotencyStore(transactions);
  const container = buildContainer({
    config,
    database,
    transactions,
    clientMetrics: new PromClientMetrics(registry),
    outboxMetrics: new PromOutboxMetrics(registry),
    logger,
  });
  const app = createHttpApp({
    routes: cartRoutes(resolveCartUseCases(container.get.bind(container)), container.get(ANALYTICS_TOKENS.cartHistory)),
    verifier: container.get<TokenVerifier>(AUTHZ_TOKENS.tokenVerifier),
    idempotency,
    readiness: { phase: () => phase, databaseReachable: () => reachable(database) },
    logger,
    registry,
    version: '1.0.0',
  });
  const server = await listen(app, config);
  const { applied } = await migrate(database, { logger });
  if (container.isBound(ANALYTICS_TOKENS.outboxRelay)) container.get<OutboxRelay>(ANALYTICS_TOKENS.outboxRelay).start();
  phase = 'ready';
  const expireCarts = new ExpireCarts(container.get(CART_TOKENS.repository), systemClock, config.lifetimes);
  const background = [
    everyInterval('idempotency-sweep', 10 * 60_000, async () => void (await idempotency.sweep()), logger),
    everyInterval('cart-expiry', config.lifetimes.sweepIntervalMs, () => sweepExpiredCarts(expireCarts, logger), logger),
  ];
  const address = server.address();
  logger.info(
    {
      port: typeof address === 'object' && address ? address.port : config.http.port,
      database: database.engine,
      migrationsApplied: applied.length,
      devSecret: usesDevSecret(config),
    },
    'carteria ready',
  );

  return {
    server,
    database,
    async stop() {
      // Load balancers see /readyz fail at once and stop sending; until they have, requests are served.
      phase = 'draining';
      await delay(config.shutdown.delayMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), config.shutdown.graceMs).unref();
      await closed;
      clearTimeout(forced);
      await Promise.all(background.map((task) => task.stop()));
      await container.unbindAllAsync();
      await database.close();
    },
  };
}

function resolveCartUseCases(get: <T>(token: symbol) => T): CartUseCases {
  const traced = <K extends keyof CartUseCases>(name: K): CartUseCases[K] =>
    withSpan(name, get<CartUseCases[K]>(CART_TOKENS[name]));
  return {
    createCart: traced('createCart'),
    getCart: traced('getCart'),
    listUserCarts: traced('listUserCarts'),
    addItem: traced('addItem'),
    setItemQuantity: traced('setItemQuantity'),
    removeItem: traced('removeItem'),
    emptyCart: traced('emptyCart'),
    deleteCart: traced('deleteCart'),
    checkOut: traced('checkOut'),
    claimCart: traced('claimCart'),
    mergeCarts: traced('mergeCarts'),
  };
}

function listen(app: ReturnType<typeof createHttpApp>, config: AppConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.http.port, config.http.host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}

async function reachable(database: Database): Promise<boolean> {
  try {
    await database.ping();
    return true;
  } catch {
    return false;
  }
}

/** Expires carts in batches of 100, at most 10 batches a run, so one run stays short. */
async function sweepExpiredCarts(expireCarts: ExpireCarts, logger: PinoLogger): Promise<void> {
  let expired = 0;
  for (let round = 0; round < 10; round++) {
    const batch = await expireCarts.execute(100);
    expired += batch;
    if (batch < 100) break;
  }
  if (expired > 0) logger.info({ expired }, 'expired idle carts');
}

import { createServer, type Server } from 'node:http';
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
import { apiVersion } from './http/openapi.ts';
import { cartRoutes, type CartUseCases } from './http/cart.routes.ts';
import { shopRoutes } from './http/shop.routes.ts';
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
    connectTimeoutMs: config.database.connectTimeoutMs,
    acquireTimeoutMs: config.database.acquireTimeoutMs,
    queryTimeoutMs: config.database.queryTimeoutMs,
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
  const shop = shopRoutes({ container, database, logger, defaultCurrency: config.cart.defaultCurrency });
  const app = createHttpApp({
    routes: [
      ...cartRoutes(resolveCartUseCases(container.get.bind(container)), container.get(ANALYTICS_TOKENS.cartHistory)),
      ...shop.routes,
    ],
    verifier: container.get<TokenVerifier>(AUTHZ_TOKENS.tokenVerifier),
    idempotency,
    readiness: { phase: () => phase, databaseReachable: () => reachable(database) },
    logger,
    registry,
    version: apiVersion,
    protection: config.protection,
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
      shop.feed.close(); // ends the open cart streams, which would otherwise hold the server open
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

/**
 * Headers are capped at 16 KiB and must arrive within 10 s, a whole request within 30 s, so slow or
 * bloated clients cannot hold sockets; idle keep-alive outlives a typical balancer's 60 s.
 */
function listen(app: ReturnType<typeof createHttpApp>, config: AppConfig): Promise<Server> {
  const server = createServer({ maxHeaderSize: 16 * 1024, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 65_000 }, app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => {
      server.off('error', reject);
      resolve(server);
    });
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

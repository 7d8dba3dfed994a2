import { Container } from 'inversify';
import { authzModule, AUTHZ_TOKENS, DEV_JWT_SECRET } from '@carteria/authz';
import { CART_TOKENS, cartModule, PrismaCartRepository } from '@carteria/cart';
import { analyticsModule, natsServersFrom, type OutboxMetrics } from '@carteria/analytics';
import type { Database, Transactions } from '@carteria/db';
import type { ClientMetrics } from '@carteria/dependency-client';
import { systemClock, type Logger } from '@carteria/kernel';
import { PRICING_TOKENS, pricingModule } from '@carteria/pricing';
import { PRODUCTS_TOKENS, productsModule } from '@carteria/products';
import type { AppConfig } from './config.ts';

export interface ContainerParts {
  readonly config: AppConfig;
  readonly database: Database;
  readonly transactions: Transactions;
  readonly clientMetrics: ClientMetrics;
  readonly outboxMetrics: OutboxMetrics;
  readonly logger: Logger;
}

/** The composition root: binds every port to its implementation. */
export function buildContainer(parts: ContainerParts): Container {
  const { config, transactions, clientMetrics } = parts;
  const { dependencies } = config;
  const outbound = { resilience: dependencies.resilience, metrics: clientMetrics };
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    authzModule({
      ...tokenOptions(config.auth),
      ...(dependencies.authzUrl
        ? { remote: { url: dependencies.authzUrl, cacheTtlMs: dependencies.authzCacheTtlMs, ...outbound } }
        : {}),
    }),
    productsModule({ ...(dependencies.productsUrl ? { url: dependencies.productsUrl } : {}), ...outbound }),
    pricingModule({ ...(dependencies.billingUrl ? { url: dependencies.billingUrl } : {}), ...outbound }),
    cartModule(config.cart),
    analyticsModule({
      database: parts.database,
      ...(config.analytics.natsUrl
        ? { nats: { servers: natsServersFrom(config.analytics.natsUrl), replicas: config.analytics.natsStreamReplicas } }
        : {}),
      ...(config.analytics.webhookUrl ? { webhook: { url: config.analytics.webhookUrl } } : {}),
      metrics: parts.outboxMetrics,
      clientMetrics,
      logger: parts.logger,
    }),
  );
  container.bind(CART_TOKENS.repository).toConstantValue(new PrismaCartRepository(transactions));
  container.bind(CART_TOKENS.clock).toConstantValue(systemClock);
  container.bind(CART_TOKENS.accessPolicy).toService(AUTHZ_TOKENS.cartPolicy);
  container.bind(CART_TOKENS.catalog).toService(PRODUCTS_TOKENS.catalog);
  container.bind(CART_TOKENS.prices).toService(PRICING_TOKENS.quoter);
  return container;
}

/** The documented dev secret is used only when no key is configured; config refuses that in production. */
function tokenOptions(auth: AppConfig['auth']) {
  return {
    ...(auth.jwksUrl ? { jwksUrl: auth.jwksUrl } : { secret: auth.secret ?? DEV_JWT_SECRET }),
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
  };
}

export function usesDevSecret(config: AppConfig): boolean {
  return !config.auth.secret && !config.auth.jwksUrl;
}

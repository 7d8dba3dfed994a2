import { Container } from 'inversify';
import { authzModule, AUTHZ_TOKENS, DEV_JWT_SECRET } from '@carteria/authz';
import { CART_TOKENS, cartModule, PrismaCartRepository } from '@carteria/cart';
import type { Database } from '@carteria/db';
import { systemClock } from '@carteria/kernel';
import type { AppConfig } from './config.ts';

/** The composition root: binds every port to its implementation. */
export function buildContainer(config: AppConfig, database: Database): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(authzModule(tokenOptions(config.auth)), cartModule(config.cart));
  container.bind(CART_TOKENS.repository).toConstantValue(new PrismaCartRepository(database.prisma));
  container.bind(CART_TOKENS.clock).toConstantValue(systemClock);
  container.bind(CART_TOKENS.accessPolicy).toService(AUTHZ_TOKENS.cartPolicy);
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

import { startApi, type ApiProcess } from '@carteria/testing';

/** The service's own database timeouts (apps/api/src/config.ts): what these faults measure. */
const productionDatabaseTimeouts = { DATABASE_CONNECT_TIMEOUT_MS: '500', DATABASE_ACQUIRE_TIMEOUT_MS: '2000', DATABASE_QUERY_TIMEOUT_MS: '500' };

/**
 * An api on the PostgreSQL database `databaseUrl` (it migrates it on start), trusting tokens
 * signed with `secret`; `env` adds or overrides settings.
 */
export function startApiOn(databaseUrl: string, secret: string, env: Readonly<Record<string, string>> = {}): Promise<ApiProcess> {
  return startApi({ NODE_ENV: 'test', AUTH_JWT_SECRET: secret, DATABASE_URL: databaseUrl, ...productionDatabaseTimeouts, ...env });
}

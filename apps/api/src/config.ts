import { z } from 'zod';
import { isIsoCurrencyCode } from '@carteria/kernel';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    ),
    DATA_DIR: z.string().default('./.data'),
    PGLITE_TEMPLATE: z.string().default('node_modules/.cache/carteria/pglite-template.tar.gz'),
    DATABASE_POOL_SIZE: positiveInt(10),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(5000),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt(500),
    DATABASE_ACQUIRE_TIMEOUT_MS: positiveInt(2000),
    DATABASE_QUERY_TIMEOUT_MS: positiveInt(500),
    AUTH_JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    AUTH_JWKS_URL: optionalText.pipe(z.url().optional()),
    AUTH_ISSUER: optionalText,
    AUTH_AUDIENCE: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: z.stringbool().optional(),
    CART_DEFAULT_CURRENCY: z
      .string()
      .refine(isIsoCurrencyCode, 'must be an ISO 4217 code')
      .default('EUR'),
    CART_MAX_LINE_QUANTITY: positiveInt(999),
    CART_MAX_LINES: positiveInt(100),
    SHUTDOWN_GRACE_MS: positiveInt(10_000),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).refine((url) => new URL(url).origin === url, 'must be bare origins like https://shop.example'))),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().min(0).default(64),
    MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(250),
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).optional(),
    CART_TTL_DAYS: positiveInt(30),
    GUEST_CART_TTL_DAYS: positiveInt(7),
    CHECKED_OUT_TTL_DAYS: positiveInt(90),
    CART_SWEEP_INTERVAL_MS: positiveInt(60_000),
    NATS_URL: optionalText,
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    ANALYTICS_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
    PRODUCTS_URL: optionalText.pipe(z.url().optional()),
    BILLING_URL: optionalText.pipe(z.url().optional()),
    AUTHZ_URL: optionalText.pipe(z.url().optional()),
    AUTHZ_CACHE_TTL_MS: positiveInt(5000),
    DEPENDENCY_TIMEOUT_MS: positiveInt(300),
    DEPENDENCY_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    DEPENDENCY_BREAKER_THRESHOLD: positiveInt(5),
    DEPENDENCY_BREAKER_HALF_OPEN_MS: positiveInt(5000),
    DEPENDENCY_BULKHEAD_LIMIT: positiveInt(10),
    DEPENDENCY_BULKHEAD_QUEUE: z.coerce.number().int().min(0).default(100),
  })
  .refine((env) => !(env.NATS_URL && env.ANALYTICS_WEBHOOK_URL), {
    message: 'set NATS_URL or ANALYTICS_WEBHOOK_URL, not both',
    path: ['ANALYTICS_WEBHOOK_URL'],
  })
  .refine((env) => !(env.AUTH_JWT_SECRET && env.AUTH_JWKS_URL), {
    message: 'set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both',
    path: ['AUTH_JWKS_URL'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL, {
    message: 'production needs AUTH_JWT_SECRET or AUTH_JWKS_URL; the dev secret is refused',
    path: ['AUTH_JWT_SECRET'],
  });

export type AppConfig = ReturnType<typeof toConfig>;

/** Reads and validates the environment once; a bad value throws a ConfigError with a one-line reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  return toConfig(parsed.data);
}

function toConfig(env: z.infer<typeof environment>) {
  return {
    production: env.NODE_ENV === 'production',
    http: { port: env.PORT, host: env.HOST },
    database: {
      url: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      pgliteTemplate: env.PGLITE_TEMPLATE,
      poolSize: env.DATABASE_POOL_SIZE,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    },
    auth: { secret: env.AUTH_JWT_SECRET, jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
    // JSON for machines; a developer at a terminal gets readable lines unless LOG_PRETTY says otherwise.
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY ?? (env.NODE_ENV === 'development' && process.stdout.isTTY === true) },
    cart: {
      defaultCurrency: env.CART_DEFAULT_CURRENCY,
      maxQuantityPerLine: env.CART_MAX_LINE_QUANTITY,
      maxLinesPerCart: env.CART_MAX_LINES,
    },
    protection: {
      corsOrigins: env.CORS_ORIGINS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      admission: { maxInFlight: env.MAX_IN_FLIGHT_REQUESTS, maxEventLoopDelayMs: env.MAX_EVENT_LOOP_DELAY_MS },
    },
    shutdown: {
      // Load balancers need a few probe intervals to notice; a developer's Ctrl-C should not wait.
      delayMs: env.SHUTDOWN_DELAY_MS ?? (env.NODE_ENV === 'production' ? 5_000 : 0),
      graceMs: env.SHUTDOWN_GRACE_MS,
    },
    analytics: { natsUrl: env.NATS_URL, natsStreamReplicas: env.NATS_STREAM_REPLICAS, webhookUrl: env.ANALYTICS_WEBHOOK_URL },
    lifetimes: {
      activeDays: env.CART_TTL_DAYS,
      guestDays: env.GUEST_CART_TTL_DAYS,
      checkedOutDays: env.CHECKED_OUT_TTL_DAYS,
      sweepIntervalMs: env.CART_SWEEP_INTERVAL_MS,
    },
    dependencies: {
      productsUrl: env.PRODUCTS_URL,
      billingUrl: env.BILLING_URL,
      authzUrl: env.AUTHZ_URL,
      authzCacheTtlMs: env.AUTHZ_CACHE_TTL_MS,
      resilience: {
        timeoutMs: env.DEPENDENCY_TIMEOUT_MS,
        retries: env.DEPENDENCY_RETRIES,
        breakerThreshold: env.DEPENDENCY_BREAKER_THRESHOLD,
        breakerHalfOpenAfterMs: env.DEPENDENCY_BREAKER_HALF_OPEN_MS,
        bulkheadLimit: env.DEPENDENCY_BULKHEAD_LIMIT,
        bulkheadQueue: env.DEPENDENCY_BULKHEAD_QUEUE,
      },
    },
  } as const;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

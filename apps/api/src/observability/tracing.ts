import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { defaultSampler } from './trace-sampler.ts';

/** Probes and scrapes are polled every few seconds: tracing them would only bury the real traffic. */
const untracedPaths = new Set(['/livez', '/readyz', '/metrics']);

export interface Tracing {
  /** Whether spans leave the process (OTLP); when not, spans still exist so trace ids reach logs and errors. */
  readonly exporting: boolean;
  /** Flushes the spans not yet exported and stops tracing. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry. It must run before express, pg and undici are imported: they are patched as
 * they load. Export follows the standard `OTEL_*` variables and is on only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or its traces variant) is set; the SDK then batches spans. Head
 * sampling is `parentbased_traceidratio` at 10 % unless `OTEL_TRACES_SAMPLER` says otherwise (see
 * ./trace-sampler.ts); unsampled requests keep their trace ids.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing> {
  const exporting = Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  // The ESM hook sends every module load of the process through a loader thread (a few hundred ms
  // of start-up). Only the express and pg spans need it, and those matter only when exported: the
  // server span (trace ids for logs and problem bodies) is patched through `require('http')`.
  const hook = exporting && env['OTEL_SDK_DISABLED'] !== 'true' ? registerEsmHook() : undefined;
  const sampler = defaultSampler(env, exporting);
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] ?? 'carteria',
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => untracedPaths.has(request.url ?? '') }),
      // A span per middleware or router would outnumber the spans worth reading: handlers stay (and
      // the server span still takes the route template for its name).
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
      // One span per statement: pg's. Pool checkouts and connects are left to the pool metrics, and
      // statements outside any request (outbox relay, sweeps, migrations) start no trace of their own.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new UndiciInstrumentation(),
      // Prisma keeps its operation, compile and transaction spans; its per-statement `db_query` span
      // would repeat pg's (on PostgreSQL; PGlite has no pg spans, so there it stays).
      new PrismaInstrumentation({ ignoreSpanTypes: prismaSpansToIgnore(env) }),
    ],
    ...(sampler === undefined ? {} : { sampler }),
    // Metrics are prom-client's and logs pino's: the SDK must not start exporters of its own for them.
    metricReaders: [],
    logRecordProcessors: [],
    ...(exporting ? {} : { spanProcessors: [new NoopSpanProcessor()] }),
  });
  sdk.start();
  await hook?.();
  return { exporting, shutdown: () => sdk.shutdown() };
}

/** Registers import-in-the-middle's loader hook; the returned wait ends once the hook knows every module to patch. */
function registerEsmHook(): () => Promise<void> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  return waitForAllMessagesAcknowledged;
}

/** `prisma:client:serialize` (argument checking) is noise; `db_query` is pg's statement span again on PostgreSQL. */
function prismaSpansToIgnore(env: NodeJS.ProcessEnv): string[] {
  const onPostgres = Boolean(env['DATABASE_URL']?.trim());
  return ['prisma:client:serialize', ...(onPostgres ? ['prisma:client:db_query'] : [])];
}

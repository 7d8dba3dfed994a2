import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { PrismaInstrumentation } from '@prisma/instrumentation';

/** Probes and scrapes are polled every few seconds: tracing them would only bury the real traffic. */
const untracedPaths = new Set(['/livez', '/readyz', '/metrics']);

export interface Tracing {
  /** Whether spans leave the process (OTLP); when not, spans still exist so trace ids reach logs and errors. */
  readonly exporting: boolean;
  /** Flushes the spans not yet exported and stops tracing. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry. It must run before express, pg and undici are imported: the ESM hook
 * patches them as they load. Export follows the standard `OTEL_*` variables and is on only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or its traces variant) is set; the SDK then batches spans.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const exporting = Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] ?? 'carteria',
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => untracedPaths.has(request.url ?? '') }),
      // A span per middleware would outnumber the spans worth reading; routers and handlers stay.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new PgInstrumentation(),
      new UndiciInstrumentation(),
      new PrismaInstrumentation(),
    ],
    // Metrics are prom-client's and logs pino's: the SDK must not start exporters of its own for them.
    metricReaders: [],
    logRecordProcessors: [],
    ...(exporting ? {} : { spanProcessors: [new NoopSpanProcessor()] }),
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  return { exporting, shutdown: () => sdk.shutdown() };
}

import { ConfigError, loadConfig } from './config.ts';
import { createLogger, flushLogs } from './logging/logger.ts';
import type { Tracing } from './observability/tracing.ts';
import { startService } from './server.ts';

/** Reads the configuration, starts the service, and stops it cleanly on SIGTERM or SIGINT. */
export async function run(tracing: Tracing): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }

  const logger = createLogger(config.log);
  const service = await startService(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'carteria failed to start');
    flushLogs(logger);
    process.exit(1);
  });

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, shutdownDelayMs: config.shutdown.delayMs }, 'carteria stopping');
      service
        .stop()
        .then(() => tracing.shutdown())
        .then(() => {
          logger.info('carteria stopped');
          flushLogs(logger);
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'carteria did not stop cleanly');
          flushLogs(logger);
          process.exit(1);
        });
    });
  }
}

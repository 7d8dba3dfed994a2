import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config.ts';
import { traceFields } from '../observability/trace-context.ts';

/**
 * A last guard for objects logged by hand. Requests and responses need none: their serializers
 * (../http/request-logging.ts) never take headers, cookies or bodies.
 */
const redact = ['*.password', '*.secret', '*.token', '*.cartToken'];

/**
 * JSON lines to stdout, written asynchronously: a line joins a buffer that is written while the
 * event loop runs on, never a blocking write per line. What is still buffered is written by
 * `flushLogs` at shutdown (and by pino itself at `exit`).
 */
export function createLogger(config: AppConfig['log']): PinoLogger {
  const options: LoggerOptions = {
    level: config.level,
    redact: { paths: redact, censor: '[redacted]' },
    // Every line written while a request is handled carries its trace id, so logs and traces join.
    mixin: traceFields,
  };
  if (config.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

interface SyncFlushable {
  flushSync(): void;
}

/**
 * Writes out the lines still buffered, synchronously, before the process exits on purpose. (Pino
 * does the same on its own at `exit`; this makes the shutdown path not depend on it.)
 */
export function flushLogs(logger: PinoLogger): void {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  if (!isSyncFlushable(stream)) return;
  try {
    stream.flushSync();
  } catch {
    // stdout closed: nothing more can be written anyway.
  }
}

function isSyncFlushable(stream: unknown): stream is SyncFlushable {
  return typeof stream === 'object' && stream !== null && typeof (stream as Partial<SyncFlushable>).flushSync === 'function';
}

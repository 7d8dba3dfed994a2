import { pino, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config.ts';
import { traceFields } from '../observability/trace-context.ts';

/** Never written to a log, wherever they appear. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["cart-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.cartToken',
];

export function createLogger(config: AppConfig['log']): PinoLogger {
  return pino({
    level: config.level,
    redact: { paths: redact, censor: '[redacted]' },
    // Every line written while a request is handled carries its trace id, so logs and traces join.
    mixin: traceFields,
    ...(config.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}

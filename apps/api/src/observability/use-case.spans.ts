import { SpanStatusCode, trace } from '@opentelemetry/api';
import { DomainError } from '@carteria/kernel';

const tracer = trace.getTracer('@carteria/api');

interface UseCase {
  execute(...args: never[]): Promise<unknown>;
}

/**
 * The use case with a span around each `execute`, named `cart.<name>`. A domain error the caller
 * caused (not found, conflict...) is recorded as an event; only failures of ours mark the span failed.
 */
export function withSpan<T extends UseCase>(name: string, useCase: T): T {
  const execute = useCase.execute.bind(useCase) as (...args: unknown[]) => Promise<unknown>;
  const traced = Object.create(useCase) as T;
  Object.defineProperty(traced, 'execute', {
    value: (...args: unknown[]) =>
      tracer.startActiveSpan(`cart.${name}`, async (span) => {
        try {
          return await execute(...args);
        } catch (error) {
          if (error instanceof DomainError && error.kind !== 'unavailable') {
            span.addEvent('domain_error', { 'error.code': error.code });
          } else {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          throw error;
        } finally {
          span.end();
        }
      }),
  });
  return traced;
}

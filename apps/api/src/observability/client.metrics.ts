import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState, CallRecord, ClientMetrics } from '@carteria/dependency-client';

const breakerLevels: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** The dependency clients' SLIs in prom-client: calls by outcome, latency, breaker state. */
export class PromClientMetrics implements ClientMetrics {
  readonly #calls: Counter<'dependency' | 'operation' | 'outcome'>;
  readonly #duration: Histogram<'dependency' | 'operation'>;
  readonly #breaker: Gauge<'dependency'>;

  constructor(registry: Registry) {
    this.#calls = new Counter({
      name: 'cart_client_requests_total',
      help: 'Calls to dependencies (after retries), by outcome.',
      labelNames: ['dependency', 'operation', 'outcome'],
      registers: [registry],
    });
    this.#duration = new Histogram({
      name: 'cart_client_request_duration_seconds',
      help: 'Duration of calls to dependencies, retries included.',
      labelNames: ['dependency', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.#breaker = new Gauge({
      name: 'cart_client_circuit_state',
      help: 'Circuit breaker per dependency: 0 closed, 1 half-open, 2 open.',
      labelNames: ['dependency'],
      registers: [registry],
    });
  }

  recordCall(call: CallRecord): void {
    this.#calls.inc({ dependency: call.dependency, operation: call.operation, outcome: call.outcome });
    this.#duration.observe({ dependency: call.dependency, operation: call.operation }, call.durationSeconds);
  }

  recordBreakerState(dependency: string, state: BreakerState): void {
    this.#breaker.set({ dependency }, breakerLevels[state]);
  }
}

import { Gauge, type Registry } from 'prom-client';
import type { AdaptiveConcurrencyLimit } from '../http/protection/concurrency-limit.ts';

/** Admission control's concurrency limit as it adapts, and the API requests in flight, read at scrape time. */
export function registerAdmissionMetrics(registry: Registry, concurrency: AdaptiveConcurrencyLimit): void {
  new Gauge({
    name: 'cart_admission_concurrency_limit',
    help: 'API requests admission control lets in at once now (adapts up to MAX_IN_FLIGHT_REQUESTS).',
    registers: [registry],
    collect() {
      this.set(concurrency.limit);
    },
  });
  new Gauge({
    name: 'cart_admission_in_flight_requests',
    help: 'API requests being served (event streams not counted).',
    registers: [registry],
    collect() {
      this.set(concurrency.inFlight);
    },
  });
}

/** How one logical call (all its attempts) ended. */
export type CallOutcome = 'success' | 'error' | 'timeout' | 'circuit_open' | 'rejected';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** One logical call, reported once after its retries. */
export interface CallRecord {
  readonly dependency: string;
  readonly operation: string;
  readonly outcome: CallOutcome;
  readonly durationSeconds: number;
}

/** The port the app binds to prom-client; libs never import a metrics library. */
export interface ClientMetrics {
  recordCall(call: CallRecord): void;
  recordBreakerState(dependency: string, state: BreakerState): void;
}

/** Records nothing: the default when the caller gives no metrics. */
export const noClientMetrics: ClientMetrics = Object.freeze({
  recordCall: () => undefined,
  recordBreakerState: () => undefined,
});

import type { BreakerState, CallRecord, ClientMetrics } from './client.metrics.ts';

/** A ClientMetrics that keeps what it is told, for assertions in tests. */
export class RecordingClientMetrics implements ClientMetrics {
  readonly calls: CallRecord[] = [];
  readonly breakerStates: { readonly dependency: string; readonly state: BreakerState }[] = [];

  recordCall(call: CallRecord): void {
    this.calls.push(call);
  }

  recordBreakerState(dependency: string, state: BreakerState): void {
    this.breakerStates.push({ dependency, state });
  }

  /** The outcomes of the recorded calls, oldest first. */
  outcomes(): CallRecord['outcome'][] {
    return this.calls.map((call) => call.outcome);
  }

  /** The breaker states of one dependency (or all), oldest first. */
  states(dependency?: string): BreakerState[] {
    return this.breakerStates.filter((entry) => dependency === undefined || entry.dependency === dependency).map((entry) => entry.state);
  }
}

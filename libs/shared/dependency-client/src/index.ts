export { DependencyClient } from './dependency-client.ts';
export type { DependencyClientOptions } from './dependency-client.ts';
export { DependencyUnavailableError } from './dependency-client.errors.ts';
export { noClientMetrics } from './client.metrics.ts';
export type { BreakerState, CallOutcome, CallRecord, ClientMetrics } from './client.metrics.ts';
export { callBudgetMs, defaultResilience, resolveResilience, retryBackoff } from './resilience.settings.ts';
export type { ResilienceSettings } from './resilience.settings.ts';

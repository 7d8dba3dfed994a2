// The scenarios as modules, for tools/faults (by hand) and for other suites (e.g. the history
// check through a load balancer in front of several replicas).
export { runHistoryCheck, formatHistoryReport } from './history/history-check.ts';
export type { HistoryCheckOptions, HistoryReport } from './history/history-check.ts';
export { checkHistory } from './history/history-checker.ts';
export type { HistoryCheck } from './history/history-checker.ts';
export { runHistoryWorkload, readFinalCarts } from './history/history-workload.ts';
export type { HistoryRun, HistoryWorkloadOptions } from './history/history-workload.ts';
export type { CartEventRecord, FinalCart, OperationKind, OperationRecord } from './history/history.types.ts';
export { runDatabaseOutage, formatOutageReport } from './faults/database-outage.ts';
export type { DatabaseFault, DatabaseOutageOptions, DatabaseOutageReport } from './faults/database-outage.ts';
export { runApiCrash, formatCrashReport } from './crash/api-crash.ts';
export type { ApiCrashOptions, ApiCrashReport } from './crash/api-crash.ts';
export { PostgresServer, canStartPostgres } from './support/postgres-server.ts';
export { startApiOn } from './support/fault-api.ts';
export { newJwtSecret, signToken } from './support/test-token.ts';

export { fixedClock } from './fixed-clock.ts';
export type { FixedClock } from './fixed-clock.ts';
export { createPostgresDatabaseUrl, createTestDatabase, postgresAvailable } from './test-database.ts';
export type { PostgresDatabaseUrl, TestDatabase } from './test-database.ts';
export { ApiProcess, describeExit, freePort, startApi, workspaceRoot } from './api-process.ts';
export { LoadBalancer } from './load-balancer.ts';
export type { ExitStatus } from './api-process.ts';
export { NatsNode, natsServerBinary, startNatsCluster } from './nats-node.ts';
export type { NatsNodeOptions } from './nats-node.ts';
export { hasLabels, parseSamples, sampleValue } from './prometheus-samples.ts';
export type { Sample } from './prometheus-samples.ts';
// The kernel's seeded generator, here too so that test suites find it beside their other helpers.
export { seededRandom } from '@carteria/kernel';

export { RecordingClientMetrics } from './recording-client.metrics.ts';
export { sendJson, startLoopbackServer, unusedLoopbackUrl, warmUpHttpClient } from './loopback.server.ts';
export type { LoopbackHandler, LoopbackServer, ReceivedRequest } from './loopback.server.ts';

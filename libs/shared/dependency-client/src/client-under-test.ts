import { afterEach, beforeAll } from '@jest/globals';
import { DependencyClient, type DependencyClientOptions } from './dependency-client.ts';
import { startLoopbackServer, warmUpHttpClient, type LoopbackHandler } from './loopback.server.ts';
import { RecordingClientMetrics } from './recording-client.metrics.ts';
import type { ResilienceSettings } from './resilience.settings.ts';

/**
 * Loopback servers and clients for this lib's specs, closed after each test. Call once at the top
 * of a spec file; it registers the Jest hooks.
 */
export function clientsUnderTest(defaults: Omit<DependencyClientOptions, 'baseUrl' | 'resilience' | 'metrics'>) {
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(warmUpHttpClient);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return {
    async serve(handler: LoopbackHandler) {
      const server = await startLoopbackServer(handler);
      cleanups.push(() => server.close());
      return server;
    },
    clientFor(baseUrl: string, resilience: Partial<ResilienceSettings> = {}) {
      const metrics = new RecordingClientMetrics();
      const client = new DependencyClient({ ...defaults, baseUrl, resilience, metrics });
      cleanups.push(() => client.close());
      return { client, metrics };
    },
  };
}

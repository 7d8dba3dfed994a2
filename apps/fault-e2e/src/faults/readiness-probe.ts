import { setTimeout as delay } from 'node:timers/promises';

export interface ReadinessSample {
  /** performance.now() when the probe was sent. */
  readonly atMs: number;
  /** 0 when no answer came within 2 s. */
  readonly status: number;
  readonly latencyMs: number;
}

/** Probes `GET /readyz` every `intervalMs` until `until` resolves, as a load balancer would. */
export async function pollReadiness(baseUrl: string, until: Promise<unknown>, intervalMs = 100): Promise<ReadinessSample[]> {
  const samples: ReadinessSample[] = [];
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    const atMs = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      status = response.status;
    } catch {
      status = 0;
    }
    samples.push({ atMs, status, latencyMs: performance.now() - atMs });
    await delay(intervalMs);
  }
  return samples;
}

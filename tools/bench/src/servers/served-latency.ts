import { hasLabels, parseSamples } from '@carteria/testing';

/** Cumulative counts of a Prometheus histogram, by upper bound in seconds (+Inf last). */
export type Buckets = ReadonlyMap<number, number>;

/**
 * The api's own latency histogram for one route, as its /metrics serves it: the time from the
 * request reaching Express to its answer, without the load generator's share of the machine.
 */
export async function scrapeServedLatency(baseUrl: string, method: string, route: string): Promise<Buckets> {
  const samples = parseSamples(await (await fetch(`${baseUrl}/metrics`)).text());
  const buckets = new Map<number, number>();
  for (const sample of samples) {
    const le = sample.labels['le'];
    if (sample.name !== 'cart_http_request_duration_seconds_bucket' || le === undefined || !hasLabels(sample, { method, route })) continue;
    buckets.set(le === '+Inf' ? Infinity : Number(le), sample.value);
  }
  return buckets;
}

/** What was observed between two scrapes. */
export function bucketsBetween(before: Buckets, after: Buckets): Buckets {
  return new Map([...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)]));
}

/** The q-quantile in ms, interpolated inside its bucket as Prometheus's histogram_quantile does; NaN without samples. */
export function bucketQuantile(q: number, buckets: Buckets): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound) ?? 0;
    if (count >= rank) {
      if (bound === Infinity) return lower * 1000;
      return (lower + ((bound - lower) * (rank - below)) / Math.max(1, count - below)) * 1000;
    }
    [lower, below] = [bound, count];
  }
  return Number.NaN;
}

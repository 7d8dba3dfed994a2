import { LoadBalancer, type ApiProcess } from '@carteria/testing';
import { startApiOn } from '../support/fault-api.ts';

/** Several api processes on one database (and broker), behind one round-robin balancer. */
export interface ReplicaSet {
  readonly replicas: readonly ApiProcess[];
  readonly balancer: LoadBalancer;
  stop(): Promise<void>;
}

/**
 * Starts `count` apis on `databaseUrl`, one after the other (the first migrates; the others find
 * the migrations applied under the same advisory lock), then a `LoadBalancer` over them.
 */
export async function startReplicaSet(
  databaseUrl: string,
  secret: string,
  count: number,
  env: Readonly<Record<string, string>> = {},
): Promise<ReplicaSet> {
  const replicas: ApiProcess[] = [];
  try {
    for (let i = 0; i < count; i++) replicas.push(await startApiOn(databaseUrl, secret, env));
    const balancer = await LoadBalancer.start(replicas.map((replica) => replica.baseUrl));
    return {
      replicas,
      balancer,
      async stop() {
        await balancer.close();
        await Promise.all(replicas.map((replica) => replica.stop()));
      },
    };
  } catch (error) {
    await Promise.all(replicas.map((replica) => replica.stop()));
    throw error;
  }
}

/** A counter or histogram `_count` summed over its series, from one replica's `GET /metrics`. */
export async function scrapeSum(baseUrl: string, metric: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || !(line[metric.length] === ' ' || line[metric.length] === '{')) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

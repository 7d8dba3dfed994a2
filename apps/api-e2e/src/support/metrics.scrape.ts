import { expectContract } from './contract-check.ts';

/** One sample of the Prometheus text format: name, labels, value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Reads `GET /metrics` of an api and parses every sample line (comments skipped). */
export async function scrapeMetrics(baseUrl: string): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  await expectContract(baseUrl, 'GET', '/metrics', { status: response.status, headers: response.headers, text });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return parseSamples(text);
}

export function parseSamples(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) return [];
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (key !== undefined && value !== undefined) labels[key] = value;
    }
    return [{ name: match[1] ?? '', labels, value: Number(match[3]) }];
  });
}

/** The value of the sample with this name whose labels include `labels`; undefined when absent. */
export function sampleValue(samples: readonly Sample[], name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  return samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    ?.value;
}

/** `cart_client_circuit_state{dependency}`: 0 closed, 1 half-open, 2 open. */
export async function breakerState(baseUrl: string, dependency: string): Promise<number | undefined> {
  return sampleValue(await scrapeMetrics(baseUrl), 'cart_client_circuit_state', { dependency });
}

/** `cart_client_requests_total{dependency,operation,outcome}`, 0 when the series does not exist yet. */
export async function clientCalls(baseUrl: string, labels: Readonly<Record<string, string>>): Promise<number> {
  return sampleValue(await scrapeMetrics(baseUrl), 'cart_client_requests_total', labels) ?? 0;
}

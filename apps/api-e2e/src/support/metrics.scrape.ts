import { parseSamples, sampleValue, type Sample } from '@carteria/testing';
import { expectContract } from './contract-check.ts';

/** Reads `GET /metrics` of an api and parses every sample line (comments skipped). */
export async function scrapeMetrics(baseUrl: string): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  await expectContract(baseUrl, 'GET', '/metrics', { status: response.status, headers: response.headers, text });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return parseSamples(text);
}

/** `cart_client_circuit_state{dependency}`: 0 closed, 1 half-open, 2 open. */
export async function breakerState(baseUrl: string, dependency: string): Promise<number | undefined> {
  return sampleValue(await scrapeMetrics(baseUrl), 'cart_client_circuit_state', { dependency });
}

/** `cart_client_requests_total{dependency,operation,outcome}`, 0 when the series does not exist yet. */
export async function clientCalls(baseUrl: string, labels: Readonly<Record<string, string>>): Promise<number> {
  return sampleValue(await scrapeMetrics(baseUrl), 'cart_client_requests_total', labels) ?? 0;
}

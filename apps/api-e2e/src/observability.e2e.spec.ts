import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { workspaceRoot } from '@carteria/testing';
import { ApiClient } from './support/api-client.ts';
import { sellableIds } from './support/catalog.data.ts';
import { startDedicatedApiOn } from './support/dedicated-backend-api.ts';
import type { DedicatedApi } from './support/dedicated-api.ts';
import { backends } from './support/e2e-environment.ts';
import { FakeProducts } from './support/fake-products.server.ts';
import { newGuest } from './support/guest-carts.ts';
import { scrapeMetrics } from './support/metrics.scrape.ts';
import { OtlpReceiver } from './support/otlp-receiver.ts';

interface LogLine {
  readonly msg?: string;
  readonly traceId?: string;
  readonly req?: { id?: string };
}

function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** The log lines of one request; its line is written when the answer is done, so it may trail it a little. */
async function linesOfRequest(api: DedicatedApi['api'], requestId: string): Promise<LogLine[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const lines = logLines(api.output).filter((line) => line.req?.id === requestId);
    if (lines.some((line) => line.msg === 'request completed') || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const [product] = sellableIds(1) as [string];
// PostgreSQL when the run has it: its pg spans are part of what is checked.
const backend = backends().some(({ name }) => name === 'postgres') ? 'postgres' : 'embedded';

describe(`observability (${backend}, a dedicated api exporting OTLP to a receiver of the test)`, () => {
  let products: FakeProducts;
  let receiver: OtlpReceiver;
  let dedicated: DedicatedApi;

  beforeAll(async () => {
    [products, receiver] = await Promise.all([FakeProducts.start(), OtlpReceiver.start()]);
    dedicated = await startDedicatedApiOn(backend, {
      LOG_LEVEL: 'info',
      PRODUCTS_URL: products.service.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // The default records 10 % of new traces; every trace this suite looks for must be recorded.
      OTEL_TRACES_SAMPLER: 'always_on',
      // Admission control as in production, so that its gauges are served (the dashboard reads them).
      MAX_IN_FLIGHT_REQUESTS: '64',
    });
  }, 60_000);

  afterAll(async () => {
    await dedicated?.stop();
    await Promise.all([products?.service.close(), receiver?.close()]);
  });

  it('one request, one trace id: accepted from traceparent, in the error body, every log line, the spans, and sent on to Products', async () => {
    const { client } = await dedicated.newCustomer();
    const cart = (await client.createCart()).body;
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const requestId = randomUUID();
    const asked = products.service.requests.length;

    const response = await client.addItem(cart.id, 'no-such-product', 1, {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
      'x-request-id': requestId,
    });

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND', traceId });
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const lines = await linesOfRequest(dedicated.api, requestId);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((line) => line.traceId)).toEqual(lines.map(() => traceId));

    const toProducts = products.service.since(asked);
    expect(toProducts.length).toBeGreaterThan(0);
    for (const request of toProducts) expect(request.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const spans = await receiver.spansOf(traceId, ['POST /v1/carts/:cartId/items', 'cart.addItem', 'products find_products']);
    const server = spans.find((span) => span.name === 'POST /v1/carts/:cartId/items');
    expect(server?.parentSpanId).toBe(callerSpanId);
    const scopes = new Set(spans.map((span) => span.scope));
    for (const scope of ['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-express', '@opentelemetry/instrumentation-undici', 'prisma']) {
      expect([...scopes]).toContain(scope);
    }
    if (backend === 'postgres') expect([...scopes]).toContain('@opentelemetry/instrumentation-pg');
    console.log(`[api-e2e observability] trace ${traceId}: ${spans.length} spans from ${[...scopes].join(', ')}`);
  });

  it('without traceparent a new trace starts, and its id is the one in the body and the log line', async () => {
    const requestId = randomUUID();
    const response = await new ApiClient(dedicated.api.baseUrl).request('GET', `/v1/carts/${randomUUID()}`, {
      headers: { 'x-request-id': requestId },
    });

    expect(response.status).toBe(401);
    const traceId = (response.body as { traceId?: string }).traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const lines = await linesOfRequest(dedicated.api, requestId);
    expect(lines.map((line) => line.traceId)).toEqual([traceId]);
    await receiver.spansOf(traceId ?? '', ['GET /v1/carts/:cartId']);
  });

  it('secrets never reach a log line: bearer tokens, cookies, guest cart tokens', async () => {
    const { client, token } = await dedicated.newCustomer();
    const guest = await newGuest(dedicated.backend, { lines: [[product, 1]] });
    const cookie = `session=${hex(12)}`;
    await client.createCart(undefined, { cookie });
    await guest.client.getCart(guest.cart.id, guest.headers);
    await guest.client.request('GET', `/v1/carts/${guest.cart.id}`, { headers: { 'cart-token': `${guest.cartToken}x` } });

    const output = dedicated.api.output;
    for (const secret of [token, cookie, guest.cartToken]) expect(output).not.toContain(secret);
    // Nothing to redact: a request's line names it by id, method and path, never by its headers.
    const requestLines = logLines(output).filter((line) => line.req !== undefined);
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(Object.keys(line.req ?? {}).sort()).toEqual(['id', 'method', 'url']);
  });

  it('after traffic, /metrics has the RED, business, pool and runtime series, labelled by route template only', async () => {
    const { client } = await dedicated.newCustomer();
    const carts = await Promise.all([1, 2, 3].map(() => client.createCart()));
    for (const { body } of carts) await client.addItem(body.id, product, 1);
    await client.getCart(randomUUID());

    const samples = await scrapeMetrics(dedicated.api.baseUrl);
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of [
      'cart_http_requests_total',
      'cart_http_request_duration_seconds_bucket',
      'cart_business_events_total',
      'cart_client_requests_total',
      'cart_outbox_backlog',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      ...(backend === 'postgres' ? ['cart_db_pool_connections', 'cart_db_pool_max_connections', 'cart_db_pool_waiting_requests'] : []),
    ]) {
      expect([...names]).toContain(name);
    }
    const routes = new Set(samples.filter((sample) => sample.name === 'cart_http_requests_total').map((sample) => sample.labels['route']));
    expect([...routes]).toEqual(expect.arrayContaining(['/v1/carts', '/v1/carts/{cartId}', '/v1/carts/{cartId}/items']));
    for (const route of routes) expect(route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    for (const sample of samples.filter((s) => s.name === 'cart_http_requests_total')) {
      expect(Object.keys(sample.labels).sort()).toEqual(['method', 'route', 'status']);
    }
  });

  it('every series the Grafana dashboard and the alert rules query is one the api serves', async () => {
    const samples = await scrapeMetrics(dedicated.api.baseUrl);
    const served = new Set(samples.map((sample) => sample.name));
    const queried = new Set<string>();
    const sources = [path.join(workspaceRoot, 'docker/grafana/dashboards/carteria.json')];
    const rules = path.join(workspaceRoot, 'docker/prometheus/rules');
    for (const file of await readdir(rules)) sources.push(path.join(rules, file));
    for (const source of sources) {
      for (const [name] of (await readFile(source, 'utf8')).matchAll(/\b(?:cart|nodejs|process)_[a-z0-9_]+/g)) queried.add(name);
    }
    const missing = [...queried].filter((name) => !served.has(name) && !(backend === 'embedded' && name.startsWith('cart_db_pool_')));
    expect(queried.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

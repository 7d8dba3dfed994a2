import express from 'express';
import { Registry } from 'prom-client';
import { httpMetrics } from './http.metrics.ts';

async function withApp(registry: Registry, run: (baseUrl: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use(httpMetrics(registry));
  app.post('/v1/carts', (_req, res) => void res.status(201).end());
  app.get('/v1/carts/:cartId', (_req, res) => void res.status(404).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  try {
    await run(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('HTTP metrics', () => {
  it('count requests by route template, never by raw path, and count business events on success', async () => {
    const registry = new Registry();
    await withApp(registry, async (baseUrl) => {
      await fetch(`${baseUrl}/v1/carts`, { method: 'POST' });
      for (let i = 0; i < 3; i++) await fetch(`${baseUrl}/v1/carts/${crypto.randomUUID()}`);
      await fetch(`${baseUrl}/nowhere/${crypto.randomUUID()}`);
    });
    const text = await registry.metrics();
    expect(text).toContain('cart_http_requests_total{method="POST",route="/v1/carts",status="201"} 1');
    expect(text).toContain('cart_http_requests_total{method="GET",route="/v1/carts/{cartId}",status="404"} 3');
    expect(text).toContain('cart_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('cart_business_events_total{event="cart_created"} 1');
    expect(text).toMatch(/cart_http_request_duration_seconds_bucket\{le="0.25",method="GET",route="\/v1\/carts\/\{cartId\}"\} 3/);
    expect(text).not.toMatch(/route="\/v1\/carts\/[0-9a-f]{8}-/);
  });
});

import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { requestLogging } from './request-logging.ts';

/** A logger writing JSON lines into an array, and an app with one route behind the request logging. */
async function withLoggedApp(run: (baseUrl: string) => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(pino(sink)));
  app.get('/v1/carts/:cartId', (_req, res) => void res.status(404).end());
  app.get('/boom', () => {
    throw new Error('boom');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  try {
    await run(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return lines;
}

describe('request logging', () => {
  it('one line per request: id, method, path, status, route template, time; no headers, no query', async () => {
    const secret = 'Bearer eyJhbGciOiJIUzI1NiJ9.secret.part';
    const lines = await withLoggedApp(async (baseUrl) => {
      const response = await fetch(`${baseUrl}/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11?after=3`, {
        headers: { authorization: secret, cookie: 'session=abc', 'cart-token': 'ct-secret', 'x-request-id': 'req-1' },
      });
      expect(response.headers.get('x-request-id')).toBe('req-1');
    });

    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { id: 'req-1', method: 'GET', url: '/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11' },
      res: { statusCode: 404 },
      route: '/v1/carts/:cartId',
    });
    expect(Object.keys(line?.['req'] ?? {}).sort()).toEqual(['id', 'method', 'url']);
    expect(Object.keys(line?.['res'] ?? {})).toEqual(['statusCode']);
    expect(typeof line?.['responseTime']).toBe('number');
    const text = JSON.stringify(lines);
    for (const leak of [secret, 'session=abc', 'ct-secret', 'after=3']) expect(text).not.toContain(leak);
  });

  it('a new request id when the caller sends none or an unusable one; no route when none matched', async () => {
    const lines = await withLoggedApp(async (baseUrl) => {
      await fetch(`${baseUrl}/nowhere`);
      await fetch(`${baseUrl}/nowhere`, { headers: { 'x-request-id': 'not acceptable!' } });
      await fetch(`${baseUrl}/livez`);
    });

    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect((line['req'] as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
      expect(line).not.toHaveProperty('route');
    }
  });

  it('a failed request is logged at error level with the error', async () => {
    const lines = await withLoggedApp(async (baseUrl) => {
      await fetch(`${baseUrl}/boom`);
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, res: { statusCode: 500 }, route: '/boom', err: { message: 'failed with status code 500' } });
  });
});

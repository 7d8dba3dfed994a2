import { randomBytes } from 'node:crypto';
import { ApiClient, customerWithCart, type ApiResponse } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { databaseFor, embeddedDatabase } from './support/api-databases.ts';
import { ApiProcess, freePort, startApi } from '@carteria/testing';
import { slowJsonRequest } from './support/slow-request.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';
import { signToken } from './support/tokens.ts';

const secret = randomBytes(32).toString('base64url');
// Real products of the embedded catalog (active, priced in EUR, in stock): the api refuses others.
const [slowSku, burstSku] = sellableIds(2) as [string, string];

/** Starts an api process that must fail on its configuration; resolves with how it ended. */
async function runWithBadConfig(env: Record<string, string>) {
  const database = await embeddedDatabase();
  const api = new ApiProcess({ HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn', ...database.env, ...env });
  try {
    const status = await api.exitWithin(20_000);
    return { status, stderr: api.stderr };
  } finally {
    await api.stop('SIGKILL');
    await database.cleanup();
  }
}

describe.each(backends().map(({ name }) => ({ name })))('graceful shutdown ($name, a dedicated api)', ({ name }) => {
  it('SIGTERM while requests are in flight: they complete, the process exits 0, nothing is lost', async () => {
    const database = await databaseFor(name);
    const env = { AUTH_JWT_SECRET: secret, ...database.env };
    let api = await startApi(env);
    try {
      const { client, cart: slowCart, userId, token } = await customerWithCart({ name, baseUrl: api.baseUrl }, { secret });
      // One cart per request, so this measures draining and not contention on one cart.
      const carts = await Promise.all(Array.from({ length: 40 }, () => client.createCart()));
      const slow = slowJsonRequest(`${api.baseUrl}/v1/carts/${slowCart.id}/items`, 'POST', { authorization: `Bearer ${token}` }, {
        productId: slowSku,
        quantity: 2,
      });
      await slow.started;
      const burst = carts.map(({ body }) =>
        client.addItem(body.id, burstSku, 1).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));

      api.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      slow.finish();
      const [slowResponse, results] = await Promise.all([slow.response, Promise.all(burst)]);
      const exit = await api.exitWithin(15_000);

      const failures = results.filter((result) => result instanceof Error);
      const responses = results.filter((result): result is ApiResponse<CartBody> => !(result instanceof Error));
      const accepted = carts.filter((_, i) => (results[i] as ApiResponse).status === 200).map(({ body }) => body.id);
      console.log(
        `[api-e2e lifecycle] ${name}: SIGTERM with a half-sent request and 40 adds in flight: ` +
          `slow one ${slowResponse.status}, ${accepted.length} x 200, ${failures.length} network errors, exit ${exit.code}`,
      );
      expect(slowResponse.status).toBe(200);
      expect(failures).toEqual([]);
      // Draining serves what reaches it; only new connections are refused once it stops listening.
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
      expect(exit).toEqual({ code: 0, signal: null });

      api = await startApi(env);
      const after = new ApiClient(api.baseUrl, await signToken(userId, { secret }));
      expect((await after.getCart(slowCart.id)).body.items).toEqual([expect.objectContaining({ productId: slowSku, quantity: 2 })]);
      const persisted = await Promise.all(carts.map(({ body }) => after.getCart(body.id)));
      expect(persisted.filter((read) => read.body.items.length === 1).map((read) => read.body.id)).toEqual(accepted);
    } finally {
      await api.stop();
      await database.cleanup();
    }
    // Two api starts: an embedded one takes over 10 s on a busy 2-core machine.
  }, 120_000);
});

describe('configuration is checked at start', () => {
  it.each([
    ['PORT=abc', { PORT: 'abc' }, 'PORT'],
    ['PORT=70000', { PORT: '70000' }, 'PORT'],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['a DATABASE_URL that is not postgres://', { DATABASE_URL: 'mysql://localhost/carts' }, 'DATABASE_URL'],
    ['an AUTH_JWT_SECRET under 32 characters', { AUTH_JWT_SECRET: 'too-short' }, 'AUTH_JWT_SECRET'],
  ])('%s: exits non-zero with a one-line reason on stderr', async (_name, env, variable) => {
    const { status, stderr } = await runWithBadConfig(env);

    expect(status.signal).toBeNull();
    expect(status.code).not.toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(variable)]);
  });

  it('NODE_ENV=production without AUTH_JWT_SECRET refuses to start (no dev secret in production)', async () => {
    const { status, stderr } = await runWithBadConfig({ NODE_ENV: 'production' });

    expect(status.signal).toBeNull();
    expect(status.code).not.toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('AUTH_JWT_SECRET')]);
  });

  it('NODE_ENV=production with an AUTH_JWT_SECRET starts, and does not accept dev-secret tokens', async () => {
    const database = await embeddedDatabase();
    const api = await startApi({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, ...database.env });
    try {
      const devToken = await signToken(crypto.randomUUID(), { secret: 'carteria-dev-secret-not-for-production-0000' });
      const response = await new ApiClient(api.baseUrl, devToken).createCart();
      expect(response.status).toBe(401);
    } finally {
      expect(await api.stop()).toEqual({ code: 0, signal: null });
      await database.cleanup();
    }
  });
});

import { Transactions } from '@carteria/db';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@carteria/testing';
import { IdempotencyStore, type StoredReply } from './idempotency.store.ts';

const engines = postgresAvailable() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const serialize = (reply: { status: number; body?: unknown }): StoredReply => ({
  status: reply.status,
  headers: { ETag: '"2"' },
  body: JSON.stringify(reply.body),
});

describe.each(engines)('IdempotencyStore on %s', (engine) => {
  let db: TestDatabase;
  let now = new Date('2026-11-22T10:00:00.000Z');
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await createTestDatabase({ engine });
    store = new IdempotencyStore(new Transactions(db.database.prisma), () => now);
  });
  afterAll(() => db.dispose());

  it('runs once, replays the stored reply, and refuses the key for another request', async () => {
    let runs = 0;
    const request = { scope: 'user:a', key: 'k1', fingerprint: 'f'.repeat(64) };
    const work = async () => ({ status: 200, body: { run: (runs += 1) } });
    expect(await store.run(request, work, serialize)).toEqual({ replayed: false, reply: { status: 200, headers: { ETag: '"2"' }, body: '{"run":1}' } });
    expect(await store.run(request, work, serialize)).toMatchObject({ replayed: true, reply: { body: '{"run":1}' } });
    await expect(store.run({ ...request, fingerprint: 'e'.repeat(64) }, work, serialize)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await store.run({ ...request, scope: 'user:b' }, work, serialize)).toMatchObject({ replayed: false, reply: { body: '{"run":2}' } });
  });

  it('stores nothing when the work fails, so the key can be retried', async () => {
    const request = { scope: 'user:a', key: 'k2', fingerprint: 'f'.repeat(64) };
    await expect(store.run(request, () => Promise.reject(new Error('refused')), serialize)).rejects.toThrow('refused');
    expect(await store.run(request, async () => ({ status: 201, body: 'ok' }), serialize)).toMatchObject({ replayed: false });
  });

  it('keeps records 24 hours, then runs the request afresh and sweeps them', async () => {
    const request = { scope: 'user:a', key: 'k3', fingerprint: 'f'.repeat(64) };
    await store.run(request, async () => ({ status: 200, body: 'first' }), serialize);
    now = new Date(now.getTime() + 23 * 3600_000);
    expect(await store.run(request, async () => ({ status: 200, body: 'second' }), serialize)).toMatchObject({ replayed: true });
    now = new Date(now.getTime() + 2 * 3600_000);
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
    expect(await store.run(request, async () => ({ status: 200, body: 'third' }), serialize)).toMatchObject({
      replayed: false,
      reply: { body: '"third"' },
    });
  });

  // On PGlite a second connection would wait for the open transaction: PostgreSQL only.
  (engine === 'postgres' ? it : it.skip)(
    'refuses, rolled back, a request whose duplicate committed between its lookup and its record',
    async () => {
      const request = { scope: 'user:a', key: 'k4', fingerprint: 'f'.repeat(64) };
      const duplicateCommits = async () => {
        await db.database.prisma.idempotencyRecord.create({
          data: { ...request, status: 200, headers: {}, body: '"first"', createdAt: now, expiresAt: new Date(now.getTime() + 3600_000) },
        });
        return { status: 200, body: 'second' };
      };
      await expect(store.run(request, duplicateCommits, serialize)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
      expect(await store.run(request, async () => ({ status: 200, body: 'third' }), serialize)).toMatchObject({
        replayed: true,
        reply: { body: '"first"' },
      });
    },
  );
});

import type { Clock } from '@carteria/kernel';
import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { TokenVerifier } from './jwt-token-verifier.ts';
import type { TokenVerifierOptions } from './token-verifier.options.ts';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const OTHER_SECRET = 'another-secret-that-is-long-enough-too';
const USER = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';
const START = Date.parse('2026-03-01T12:00:00Z');

/** A clock that stands still until the test moves it; the verifier reads it for exp checks and for its cache. */
function testClock(): Clock & { advance(ms: number): void; seconds(): number } {
  let now = START;
  return { now: () => new Date(now), advance: (ms) => void (now += ms), seconds: () => Math.floor(now / 1000) };
}

function hs256(claims: JWTPayload, secret: string = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

/** The token with its signature replaced by another key's: same header and claims, bad signature. */
async function withForeignSignature(claims: JWTPayload): Promise<string> {
  const [header, payload] = (await hs256(claims)).split('.');
  const [, , signature] = (await hs256(claims, OTHER_SECRET)).split('.');
  return `${header}.${payload}.${signature}`;
}

describe('TokenVerifier cache of verified tokens', () => {
  let clock: ReturnType<typeof testClock>;
  const verifier = (options: Partial<TokenVerifierOptions> = {}) => new TokenVerifier({ secret: SECRET, clock, ...options });

  beforeEach(() => {
    clock = testClock();
  });

  it('keeps a verified token and answers it again with a fresh principal each time', async () => {
    const tokens = verifier();
    const token = await hs256({ sub: USER, scope: 'carts:read', exp: clock.seconds() + 600 });

    const first = await tokens.verify(token);
    clock.advance(30_000);
    const second = await tokens.verify(token);

    expect(tokens.cacheSize).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.scopes).not.toBe(first.scopes);
  });

  it('never serves a token past its exp, however long the cache TTL', async () => {
    const tokens = verifier({ cacheTtlMs: 3_600_000 });
    const token = await hs256({ sub: USER, exp: clock.seconds() + 2 });

    await expect(tokens.verify(token)).resolves.toMatchObject({ subject: USER });
    clock.advance(1_999);
    await expect(tokens.verify(token)).resolves.toMatchObject({ subject: USER });
    clock.advance(1);
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'expired' });
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('does not keep a token accepted only within the clock tolerance past its exp', async () => {
    const tokens = verifier({ clockToleranceSec: 30 });
    const token = await hs256({ sub: USER, exp: clock.seconds() - 5 });

    await expect(tokens.verify(token)).resolves.toMatchObject({ subject: USER });
    expect(tokens.cacheSize).toBe(0);
  });

  it('never keeps a token with a bad signature, even one whose claims match a kept token', async () => {
    const tokens = verifier();
    const claims = { sub: USER, exp: clock.seconds() + 600 };
    const forged = await withForeignSignature(claims);

    await expect(tokens.verify(forged)).rejects.toMatchObject({ reason: 'bad_signature' });
    expect(tokens.cacheSize).toBe(0);

    await tokens.verify(await hs256(claims));
    expect(tokens.cacheSize).toBe(1);
    await expect(tokens.verify(forged)).rejects.toMatchObject({ reason: 'bad_signature' });
    await expect(tokens.verify(forged)).rejects.toMatchObject({ reason: 'bad_signature' });
    expect(tokens.cacheSize).toBe(1);
  });

  it('never keeps a token refused for its claims (here a subject that is not a user id)', async () => {
    const tokens = verifier();
    const token = await hs256({ sub: 'not-a-uuid', exp: clock.seconds() + 600 });

    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'invalid_subject' });
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'invalid_subject' });
    expect(tokens.cacheSize).toBe(0);
  });

  it('holds at most cacheMaxEntries tokens, and none with cacheTtlMs 0', async () => {
    const bounded = verifier({ cacheMaxEntries: 2 });
    const off = verifier({ cacheTtlMs: 0 });
    for (let i = 0; i < 5; i++) {
      const token = await hs256({ sub: USER, exp: clock.seconds() + 600, jti: String(i) });
      await bounded.verify(token);
      await off.verify(token);
    }
    expect(bounded.cacheSize).toBe(2);
    expect(off.cacheSize).toBe(0);
  });

  it.each([
    ['a negative cacheTtlMs', { cacheTtlMs: -1 }, /cacheTtlMs/],
    ['a fractional cacheTtlMs', { cacheTtlMs: 1.5 }, /cacheTtlMs/],
    ['a cacheMaxEntries of 0', { cacheMaxEntries: 0 }, /cacheMaxEntries/],
  ])('refuses %s', (_, options, message) => {
    expect(() => verifier(options)).toThrow(message);
  });
});

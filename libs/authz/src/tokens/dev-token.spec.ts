import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEV_JWT_SECRET, signDevToken } from './dev-token.ts';
import { TokenVerifier } from './jwt-token-verifier.ts';

const USER = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';
const now = (): number => Math.floor(Date.now() / 1000);

describe('signDevToken', () => {
  it('signs an HS256 token the verifier accepts, with sub, scope and a one-hour expiry by default', async () => {
    const token = await signDevToken({ secret: DEV_JWT_SECRET, subject: USER, scopes: ['carts:read', 'carts:checkout'] });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: USER, scope: 'carts:read carts:checkout' });
    expect(claims.exp).toBeGreaterThanOrEqual(now() + 3590);
    expect(claims.exp).toBeLessThanOrEqual(now() + 3600);

    const principal = await new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(token);
    expect(principal.subject).toBe(USER);
    expect([...principal.scopes]).toEqual(['carts:read', 'carts:checkout']);
  });

  it('leaves out scope when there are no scopes', async () => {
    const claims = decodeJwt(await signDevToken({ secret: DEV_JWT_SECRET, subject: USER }));
    expect(claims).not.toHaveProperty('scope');
  });

  it('sets issuer and audience when given, so a strict verifier accepts the token', async () => {
    const options = { secret: DEV_JWT_SECRET, issuer: 'https://id.example', audience: 'carteria' };
    const token = await signDevToken({ ...options, subject: USER });
    await expect(new TokenVerifier(options).verify(token)).resolves.toMatchObject({ subject: USER });
  });

  it('takes expiresIn as seconds from now or as a duration, past ones included', async () => {
    const inSeconds = decodeJwt(await signDevToken({ secret: DEV_JWT_SECRET, subject: USER, expiresIn: 120 }));
    expect(inSeconds.exp).toBeGreaterThanOrEqual(now() + 119);
    expect(inSeconds.exp).toBeLessThanOrEqual(now() + 120);

    const asDuration = decodeJwt(await signDevToken({ secret: DEV_JWT_SECRET, subject: USER, expiresIn: '15m' }));
    expect(asDuration.exp).toBeGreaterThanOrEqual(now() + 899);

    const expired = await signDevToken({ secret: DEV_JWT_SECRET, subject: USER, expiresIn: '-1h' });
    await expect(new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(expired)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a subject that is not a user id, a scope with a space, and a short secret', async () => {
    await expect(signDevToken({ secret: DEV_JWT_SECRET, subject: 'alice' })).rejects.toThrow(/UUID/);
    await expect(signDevToken({ secret: DEV_JWT_SECRET, subject: USER, scopes: ['carts:read carts:admin'] })).rejects.toThrow(
      /scope/,
    );
    await expect(signDevToken({ secret: DEV_JWT_SECRET, subject: USER, scopes: [''] })).rejects.toThrow(/scope/);
    await expect(signDevToken({ secret: 'short', subject: USER })).rejects.toThrow(/at least 32 bytes/);
  });
});

import { SignJWT, UnsecuredJWT, base64url, generateKeyPair } from 'jose';
import type { JWTPayload } from 'jose';
import { TokenVerifier } from './jwt-token-verifier.ts';
import { UnauthenticatedError } from './token.errors.ts';
import type { UnauthenticatedReason } from './token.errors.ts';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const KEY = new TextEncoder().encode(SECRET);
const USER = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';
const now = (): number => Math.floor(Date.now() / 1000);

async function hs256(claims: JWTPayload, key: Uint8Array = KEY): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

const valid = (extra: JWTPayload = {}): JWTPayload => ({ sub: USER, exp: now() + 600, ...extra });

async function expectRefused(verifier: TokenVerifier, token: string, reason: UnauthenticatedReason): Promise<void> {
  const failure = verifier.verify(token);
  await expect(failure).rejects.toBeInstanceOf(UnauthenticatedError);
  await expect(failure).rejects.toMatchObject({ code: 'UNAUTHENTICATED', kind: 'unauthenticated', reason });
}

describe('TokenVerifier with a shared secret (HS256)', () => {
  const verifier = new TokenVerifier({ secret: SECRET });

  describe('accepts', () => {
    it('a valid token: sub becomes the subject, scope the scopes', async () => {
      const principal = await verifier.verify(await hs256(valid({ scope: 'carts:read  carts:checkout' })));
      expect(principal.subject).toBe(USER);
      expect([...principal.scopes]).toEqual(['carts:read', 'carts:checkout']);
    });

    it('a token without scope, as a caller with no scopes', async () => {
      const principal = await verifier.verify(await hs256(valid()));
      expect(principal.scopes.size).toBe(0);
    });

    it('an upper-case sub, as the lower-case user id', async () => {
      const principal = await verifier.verify(await hs256(valid({ sub: USER.toUpperCase() })));
      expect(principal.subject).toBe(USER);
    });

    it('any issuer and audience when none is configured', async () => {
      await expect(verifier.verify(await hs256(valid({ iss: 'anyone', aud: 'anything' })))).resolves.toBeDefined();
    });

    it('a token just expired, within the configured clock tolerance', async () => {
      const tolerant = new TokenVerifier({ secret: SECRET, clockToleranceSec: 30 });
      await expect(tolerant.verify(await hs256(valid({ exp: now() - 5 })))).resolves.toBeDefined();
    });

    it('the configured issuer and audience', async () => {
      const strict = new TokenVerifier({ secret: SECRET, issuer: 'https://id.example', audience: 'carteria' });
      const token = await hs256(valid({ iss: 'https://id.example', aud: ['other', 'carteria'] }));
      await expect(strict.verify(token)).resolves.toMatchObject({ subject: USER });
    });
  });

  describe('refuses', () => {
    it('an expired token', async () => {
      await expectRefused(verifier, await hs256(valid({ exp: now() - 5 })), 'expired');
    });

    it('a token not valid yet (nbf in the future)', async () => {
      await expectRefused(verifier, await hs256(valid({ nbf: now() + 300 })), 'not_yet_valid');
    });

    it('a token signed with another secret', async () => {
      const other = new TextEncoder().encode('another-secret-that-is-long-enough-too');
      await expectRefused(verifier, await hs256(valid(), other), 'bad_signature');
    });

    it('a token whose claims were changed after signing', async () => {
      const [header, , signature] = (await hs256(valid())).split('.');
      const forged = base64url.encode(JSON.stringify(valid({ scope: 'carts:admin' })));
      await expectRefused(verifier, `${header}.${forged}.${signature}`, 'bad_signature');
    });

    it('an unsecured token (alg none)', async () => {
      const token = new UnsecuredJWT(valid()).encode();
      await expectRefused(verifier, token, 'algorithm_not_allowed');
    });

    it('another HMAC algorithm, even with the right secret (HS512)', async () => {
      const token = await new SignJWT(valid()).setProtectedHeader({ alg: 'HS512' }).sign(KEY);
      await expectRefused(verifier, token, 'algorithm_not_allowed');
    });

    it('an RS256 token', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(valid()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
      await expectRefused(verifier, token, 'algorithm_not_allowed');
    });

    it('a token without exp', async () => {
      await expectRefused(verifier, await hs256({ sub: USER }), 'missing_claim');
    });

    it('a token without sub', async () => {
      await expectRefused(verifier, await hs256({ exp: now() + 600 }), 'missing_claim');
    });

    it.each([
      ['not a UUID', 'alice'],
      ['empty', ''],
      ['a UUID with junk around it', ` ${USER}`],
      ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
      ['the max UUID', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ])('a sub that is %s', async (_, sub) => {
      await expectRefused(verifier, await hs256(valid({ sub })), 'invalid_subject');
    });

    it('a sub that is not a string', async () => {
      await expectRefused(verifier, await hs256(valid({ sub: 42 as unknown as string })), 'invalid_subject');
    });

    it('a scope that is not a string', async () => {
      await expectRefused(verifier, await hs256(valid({ scope: ['carts:admin'] })), 'invalid_scope');
    });

    it.each([
      ['empty', ''],
      ['one word', 'garbage'],
      ['three dots of nothing', '..'],
      ['three parts of junk', 'a.b.c'],
      ['a header that is not JSON', `${base64url.encode('{nope')}.${base64url.encode('{}')}.c2ln`],
      ['far too long', 'x'.repeat(10_000)],
    ])('a token that is %s', async (_, token) => {
      await expectRefused(verifier, token, 'malformed');
    });

    it('a payload that is not a JSON object, even signed', async () => {
      const header = base64url.encode(JSON.stringify({ alg: 'HS256' }));
      const payload = base64url.encode('"just a string"');
      const input = new TextEncoder().encode(`${header}.${payload}`);
      const hmac = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const signature = base64url.encode(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, input)));
      await expectRefused(verifier, `${header}.${payload}.${signature}`, 'malformed');
    });

    describe('when an issuer and an audience are configured', () => {
      const strict = new TokenVerifier({ secret: SECRET, issuer: 'https://id.example', audience: 'carteria' });

      it('a token from another issuer', async () => {
        const token = await hs256(valid({ iss: 'https://evil.example', aud: 'carteria' }));
        await expectRefused(strict, token, 'wrong_issuer');
      });

      it('a token for another audience', async () => {
        const token = await hs256(valid({ iss: 'https://id.example', aud: 'billing' }));
        await expectRefused(strict, token, 'wrong_audience');
      });

      it('a token without iss or aud', async () => {
        await expectRefused(strict, await hs256(valid({ aud: 'carteria' })), 'missing_claim');
        await expectRefused(strict, await hs256(valid({ iss: 'https://id.example' })), 'missing_claim');
      });
    });
  });

  it('says why in a short message that repeats nothing from the token', async () => {
    const token = await hs256(valid({ exp: now() - 5, scope: 'carts:admin' }));
    const error: unknown = await verifier.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    const { message } = error as UnauthenticatedError;
    expect(message).toBe('Token has expired.');
    expect(message).not.toContain(USER);
  });
});

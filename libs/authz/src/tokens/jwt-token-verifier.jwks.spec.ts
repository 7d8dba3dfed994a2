import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { TokenVerifier } from './jwt-token-verifier.ts';
import { TokenKeysUnavailableError, UnauthenticatedError } from './token.errors.ts';
import type { UnauthenticatedReason } from './token.errors.ts';

const USER = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const valid = (extra: JWTPayload = {}): JWTPayload => ({ sub: USER, exp: Math.floor(Date.now() / 1000) + 600, ...extra });

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey };
}

async function sign(key: SigningKey, claims: JWTPayload = valid(), kid: string = key.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid }).sign(key.privateKey);
}

async function publicJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.publicKey)), kid: key.kid, alg: key.alg, use: 'sig' };
}

/** A real JWKS endpoint on 127.0.0.1: /jwks.json serves the keys, the other paths misbehave. */
class JwksServer {
  readonly #server: Server;
  #jwks: { keys: JWK[] } = { keys: [] };
  fetches = 0;

  constructor() {
    this.#server = createServer((request, response) => {
      this.fetches += 1;
      if (request.url === '/jwks.json') {
        response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify(this.#jwks));
      } else if (request.url === '/garbage') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('<html>surprise</html>');
      } else if (request.url === '/not-a-jwks') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys": "none"}');
      } else {
        response.writeHead(500).end();
      }
    });
  }

  async start(keys: JWK[]): Promise<void> {
    this.#jwks = { keys };
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.#server.close((e) => (e ? reject(e) : resolve())));
  }
}

async function expectRefused(verifier: TokenVerifier, token: string, reason: UnauthenticatedReason): Promise<void> {
  const failure = verifier.verify(token);
  await expect(failure).rejects.toBeInstanceOf(UnauthenticatedError);
  await expect(failure).rejects.toMatchObject({ code: 'UNAUTHENTICATED', kind: 'unauthenticated', reason });
}

async function expectKeysUnavailable(verifier: TokenVerifier, token: string): Promise<void> {
  const failure = verifier.verify(token);
  await expect(failure).rejects.toBeInstanceOf(TokenKeysUnavailableError);
  await expect(failure).rejects.toMatchObject({ code: 'AUTH_UNAVAILABLE', kind: 'unavailable' });
}

describe('TokenVerifier with a JWKS URL (RS256, ES256)', () => {
  const server = new JwksServer();
  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    rsa = await signingKey('rsa-1', 'RS256');
    ec = await signingKey('ec-1', 'ES256');
    await server.start([await publicJwk(rsa), await publicJwk(ec)]);
  });

  afterAll(() => server.stop());

  const verifier = (options: { issuer?: string; audience?: string } = {}): TokenVerifier =>
    new TokenVerifier({ jwksUrl: server.url('/jwks.json'), ...options });

  describe('accepts', () => {
    it.each(['RS256', 'ES256'])('a valid %s token, fetching the key set once', async (alg) => {
      const key = alg === 'RS256' ? rsa : ec;
      const jwks = verifier();
      const before = server.fetches;
      const principal = await jwks.verify(await sign(key, valid({ scope: 'carts:read' })));
      expect(principal.subject).toBe(USER);
      expect([...principal.scopes]).toEqual(['carts:read']);
      await jwks.verify(await sign(key));
      expect(server.fetches - before).toBe(1);
    });

    it('the configured issuer and audience', async () => {
      const strict = verifier({ issuer: 'https://id.example', audience: 'carteria' });
      const token = await sign(rsa, valid({ iss: 'https://id.example', aud: 'carteria' }));
      await expect(strict.verify(token)).resolves.toMatchObject({ subject: USER });
    });
  });

  describe('refuses', () => {
    it('a token naming a key the set does not have', async () => {
      await expectRefused(verifier(), await sign(rsa, valid(), 'rsa-unknown'), 'unknown_key');
    });

    it('a token signed by another key under a known kid', async () => {
      const impostor = await signingKey('rsa-1', 'RS256');
      await expectRefused(verifier(), await sign(impostor), 'bad_signature');
    });

    it('an HS256 token whose secret is the public key (HS/RS confusion)', async () => {
      const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
      const token = await new SignJWT(valid()).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(pem);
      await expectRefused(verifier(), token, 'algorithm_not_allowed');
    });

    it('an unsecured token (alg none)', async () => {
      await expectRefused(verifier(), new UnsecuredJWT(valid()).encode(), 'algorithm_not_allowed');
    });

    it('an RSA algorithm other than RS256 (PS256)', async () => {
      const { privateKey } = await generateKeyPair('PS256');
      const token = await new SignJWT(valid()).setProtectedHeader({ alg: 'PS256', kid: 'rsa-1' }).sign(privateKey);
      await expectRefused(verifier(), token, 'algorithm_not_allowed');
    });

    it('an expired token', async () => {
      await expectRefused(verifier(), await sign(ec, valid({ exp: Math.floor(Date.now() / 1000) - 5 })), 'expired');
    });

    it('a sub that is not a UUID', async () => {
      await expectRefused(verifier(), await sign(ec, valid({ sub: 'alice' })), 'invalid_subject');
    });

    it('a token from another issuer or for another audience', async () => {
      const strict = verifier({ issuer: 'https://id.example', audience: 'carteria' });
      await expectRefused(strict, await sign(rsa, valid({ iss: 'https://evil.example', aud: 'carteria' })), 'wrong_issuer');
      await expectRefused(strict, await sign(rsa, valid({ iss: 'https://id.example', aud: 'billing' })), 'wrong_audience');
    });
  });

  describe('reports the key set unavailable, not the token bad, when the JWKS endpoint', () => {
    it('answers 500', async () => {
      const broken = new TokenVerifier({ jwksUrl: server.url('/down') });
      await expectKeysUnavailable(broken, await sign(rsa));
    });

    it('answers something that is not JSON', async () => {
      const broken = new TokenVerifier({ jwksUrl: server.url('/garbage') });
      await expectKeysUnavailable(broken, await sign(rsa));
    });

    it('answers JSON that is not a key set', async () => {
      const broken = new TokenVerifier({ jwksUrl: server.url('/not-a-jwks') });
      await expectKeysUnavailable(broken, await sign(rsa));
    });

    it('cannot be reached', async () => {
      const closed = new JwksServer();
      await closed.start([]);
      const url = closed.url('/jwks.json');
      await closed.stop();
      await expectKeysUnavailable(new TokenVerifier({ jwksUrl: url }), await sign(rsa));
    });
  });

  it('does not fetch keys for a token refused before any key is needed', async () => {
    const before = server.fetches;
    await expectRefused(verifier(), new UnsecuredJWT(valid()).encode(), 'algorithm_not_allowed');
    await expectRefused(verifier(), 'garbage', 'malformed');
    expect(server.fetches).toBe(before);
  });
});

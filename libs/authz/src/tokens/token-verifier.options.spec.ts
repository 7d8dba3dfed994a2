import { MIN_SECRET_BYTES, parseTokenVerifierOptions } from './token-verifier.options.ts';
import type { TokenVerifierOptions } from './token-verifier.options.ts';

const SECRET = 's'.repeat(MIN_SECRET_BYTES);

describe('parseTokenVerifierOptions', () => {
  it('takes a secret as HS256 key bytes, with no claim checks and no tolerance by default', () => {
    const config = parseTokenVerifierOptions({ secret: SECRET });
    expect(config).toMatchObject({ keySource: 'secret', issuer: undefined, audience: undefined, clockToleranceSec: 0 });
    expect(config.keySource === 'secret' && config.secret.byteLength).toBe(MIN_SECRET_BYTES);
  });

  it('takes a JWKS URL with the claim checks', () => {
    const config = parseTokenVerifierOptions({
      jwksUrl: 'https://id.example/.well-known/jwks.json',
      issuer: 'https://id.example',
      audience: 'carteria',
      clockToleranceSec: 5,
    });
    expect(config).toMatchObject({ keySource: 'jwks', issuer: 'https://id.example', audience: 'carteria', clockToleranceSec: 5 });
    expect(config.keySource === 'jwks' && config.jwksUrl.href).toBe('https://id.example/.well-known/jwks.json');
  });

  it.each<[string, TokenVerifierOptions, RegExp]>([
    ['neither key source', {}, /exactly one of/],
    ['both key sources', { secret: SECRET, jwksUrl: 'https://id.example/jwks' }, /exactly one of/],
    ['a secret shorter than 32 bytes', { secret: 's'.repeat(MIN_SECRET_BYTES - 1) }, /at least 32 bytes/],
    ['a relative JWKS URL', { jwksUrl: '/jwks.json' }, /absolute http\(s\) URL/],
    ['a JWKS URL that is not http(s)', { jwksUrl: 'file:///etc/jwks.json' }, /absolute http\(s\) URL/],
    ['an empty issuer', { secret: SECRET, issuer: ' ' }, /`issuer` must not be empty/],
    ['an empty audience', { secret: SECRET, audience: '' }, /`audience` must not be empty/],
    ['a negative clock tolerance', { secret: SECRET, clockToleranceSec: -1 }, /clockToleranceSec/],
    ['a clock tolerance that is not a number', { secret: SECRET, clockToleranceSec: Number.NaN }, /clockToleranceSec/],
  ])('refuses %s', (_, options, message) => {
    expect(() => parseTokenVerifierOptions(options)).toThrow(message);
  });

  it('counts the secret in UTF-8 bytes, not characters', () => {
    expect(() => parseTokenVerifierOptions({ secret: 'é'.repeat(16) })).not.toThrow();
    expect(() => parseTokenVerifierOptions({ secret: 'e'.repeat(16) })).toThrow(/at least 32 bytes/);
  });
});

// Prints a signed dev token, for curl and the demo: npm run -s token -- --sub <uuid> [--scope "carts:read"]
import { parseArgs } from 'node:util';
import { DEV_JWT_SECRET, signDevToken } from '@carteria/authz';
import { isUuid } from '@carteria/kernel';
import { loadConfig } from '../config.ts';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: crypto.randomUUID() },
    scope: { type: 'string', default: '' },
    'expires-in': { type: 'string', default: '1h' },
  },
});

if (!isUuid(values.sub)) {
  process.stderr.write('--sub must be a UUID\n');
  process.exit(2);
}
const config = loadConfig();
if (config.auth.jwksUrl) {
  process.stderr.write('AUTH_JWKS_URL is set: tokens come from your identity provider, not from here\n');
  process.exit(2);
}
const token = await signDevToken({
  secret: config.auth.secret ?? DEV_JWT_SECRET,
  subject: values.sub,
  scopes: values.scope.split(/\s+/).filter(Boolean),
  expiresIn: values['expires-in'],
  ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
  ...(config.auth.audience ? { audience: config.auth.audience } : {}),
});
process.stdout.write(`${token}\n`);

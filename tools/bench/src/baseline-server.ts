// The benchmark's baseline: the api's work for the benchmarked endpoints (verify the token, run the
// same SQL, answer the same JSON) on bare node:http and pg, so the gap to the api is what the
// framework, validation, logging and metrics cost. Env: DATABASE_URL, AUTH_JWT_SECRET, PORT, HOST,
// DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import canonicalize from 'canonicalize';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { BaselineCarts, Refusal, type Reply } from './baseline/baseline-carts.ts';
import { loadOffers } from './baseline/offers.ts';

const env = process.env;
const databaseUrl = env['DATABASE_URL'];
const secret = env['AUTH_JWT_SECRET'];
if (!databaseUrl || !secret) {
  process.stderr.write('baseline-server needs DATABASE_URL and AUTH_JWT_SECRET\n');
  process.exit(1);
}
const statementTimeoutMs = Number(env['DATABASE_STATEMENT_TIMEOUT_MS'] ?? 5000);
// The api's pool settings (libs/shared/db postgres.database.ts).
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: Number(env['DATABASE_POOL_SIZE'] ?? 10),
  connectionTimeoutMillis: 5000,
  statement_timeout: statementTimeoutMs,
  idle_in_transaction_session_timeout: statementTimeoutMs,
  keepAlive: true,
  application_name: 'carteria-baseline',
});
pool.on('error', () => undefined);
const carts = new BaselineCarts(pool, loadOffers());
const key = new TextEncoder().encode(secret);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const productId = /^[A-Za-z0-9._:-]{1,64}$/;
const cartPath = /^\/v1\/carts\/([^/]+)(?:\/items(?:\/([^/]+))?)?$/;

async function handle(req: IncomingMessage): Promise<Reply> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (req.method === 'GET' && path === '/readyz') return { status: 200, headers: {}, body: '{"status":"ready"}' };
  const match = cartPath.exec(path);
  const cartId = match?.[1]?.toLowerCase();
  if (!match || !cartId) throw new Refusal(404, 'ROUTE_NOT_FOUND');
  if (!uuid.test(cartId)) throw new Refusal(400, 'VALIDATION_FAILED');
  const subject = await authenticate(req.headers.authorization);
  const isItems = path.includes('/items');
  const lineProduct = match[2];
  if (req.method === 'GET' && !isItems) return carts.read(cartId, subject);
  if (req.method === 'POST' && isItems && lineProduct === undefined) {
    const body = await readJson(req);
    const { productId: product, quantity } = body as { productId?: unknown; quantity?: unknown };
    if (typeof product !== 'string' || !productId.test(product) || !isCount(quantity, 1)) throw new Refusal(400, 'VALIDATION_FAILED');
    const idempotencyKey = req.headers['idempotency-key'];
    const idempotency =
      typeof idempotencyKey === 'string'
        ? { scope: `user:${subject}`, key: idempotencyKey, fingerprint: fingerprint('POST', path, body) }
        : undefined;
    return carts.add(cartId, subject, product, quantity, idempotency);
  }
  if (req.method === 'PUT' && lineProduct !== undefined) {
    const { quantity } = (await readJson(req)) as { quantity?: unknown };
    if (!productId.test(lineProduct) || !isCount(quantity, 1)) throw new Refusal(400, 'VALIDATION_FAILED');
    return carts.setQuantity(cartId, subject, lineProduct, quantity);
  }
  throw new Refusal(404, 'ROUTE_NOT_FOUND');
}

/** HS256 with `exp` and `sub` required, as the api's TokenVerifier checks a secret-signed token. */
async function authenticate(header: string | undefined): Promise<string> {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!token) throw new Refusal(401, 'UNAUTHENTICATED');
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
    if (typeof payload.sub !== 'string' || !uuid.test(payload.sub)) throw new Refusal(401, 'UNAUTHENTICATED');
    return payload.sub.toLowerCase();
  } catch {
    throw new Refusal(401, 'UNAUTHENTICATED');
  }
}

function isCount(value: unknown, minimum: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum;
}

/** The api's fingerprint: SHA-256 of the canonical JSON of method, path and body. */
function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalize({ method, path, body }) ?? '')
    .digest('hex');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Refusal(413, 'PAYLOAD_TOO_LARGE');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'MALFORMED_JSON');
  }
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

const server = createServer((req, res) => {
  handle(req).then(
    (reply) => send(res, reply),
    (error: unknown) => {
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'INTERNAL');
      if (!(error instanceof Refusal)) process.stderr.write(`${String(error)}\n`);
      const body = JSON.stringify({ title: refusal.code, status: refusal.status, code: refusal.code });
      send(res, { status: refusal.status, headers: {}, body });
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env['PORT'] ?? 3100), env['HOST'] ?? '127.0.0.1', () => {
  process.stdout.write(`baseline listening on ${env['HOST'] ?? '127.0.0.1'}:${env['PORT'] ?? 3100}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections();
    void pool.end().finally(() => process.exit(0));
  });
}

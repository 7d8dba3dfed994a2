import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One statement a client asked PostgreSQL to run: a simple Query, or an Execute of a parsed statement. */
export interface SeenStatement {
  readonly sql: string;
  readonly protocol: 'simple' | 'extended';
}

/** Codes of the untyped messages a client may send before its startup message. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

const transactionControl = /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE|END)\b/i;

/** BEGIN, COMMIT and the like: counted apart, since they say how work is grouped, not what it does. */
export function isTransactionControl(statement: SeenStatement): boolean {
  return transactionControl.test(statement.sql);
}

/**
 * A TCP proxy in front of PostgreSQL that forwards every byte unchanged and reads the client's side
 * of the wire protocol (v3) to record each statement run: `Query` messages (simple protocol) and
 * `Execute` messages (extended protocol, resolved through `Parse` and `Bind` to their SQL text).
 * Needs no server setting (pg_stat_statements, log_statement); it cannot read TLS connections.
 */
export class SqlStatementProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #seen: SeenStatement[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Listens on a free port of 127.0.0.1 and forwards to `target`. */
  static async start(target: { readonly host: string; readonly port: number }): Promise<SqlStatementProxy> {
    const server = createServer();
    const proxy = new SqlStatementProxy(server);
    server.on('connection', (client) => proxy.#pipe(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Statements seen since the last reset, in the order the clients sent them. */
  get statements(): readonly SeenStatement[] {
    return this.#seen;
  }

  reset(): void {
    this.#seen = [];
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #pipe(client: Socket, target: { readonly host: string; readonly port: number }): void {
    const upstream = createConnection(target);
    this.#sockets.add(client).add(upstream);
    const reader = new ClientMessageReader((statement) => this.#seen.push(statement));
    client.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}

/** Splits the client-to-server byte stream into messages and reports the statements they run. */
export class ClientMessageReader {
  readonly #onStatement: (statement: SeenStatement) => void;
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;
  readonly #prepared = new Map<string, string>();
  readonly #portals = new Map<string, string>();

  constructor(onStatement: (statement: SeenStatement) => void) {
    this.#onStatement = onStatement;
  }

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const consumed = this.#started ? this.#typedMessage() : this.#untypedMessage();
      if (consumed === 0) return;
      this.#buffer = this.#buffer.subarray(consumed);
    }
  }

  /** Startup, SSLRequest, GSSENCRequest or CancelRequest: a length, then a code, no type byte. */
  #untypedMessage(): number {
    if (this.#buffer.length < 8) return 0;
    const length = this.#buffer.readInt32BE(0);
    if (this.#buffer.length < length) return 0;
    const code = this.#buffer.readInt32BE(4);
    if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) this.#started = true;
    return length;
  }

  #typedMessage(): number {
    if (this.#buffer.length < 5) return 0;
    const length = this.#buffer.readInt32BE(1);
    if (this.#buffer.length < 1 + length) return 0;
    const type = String.fromCharCode(this.#buffer[0] ?? 0);
    const body = this.#buffer.subarray(5, 1 + length);
    this.#read(type, body);
    return 1 + length;
  }

  #read(type: string, body: Buffer): void {
    switch (type) {
      case 'Q':
        this.#onStatement({ sql: cStrings(body, 1)[0] ?? '', protocol: 'simple' });
        return;
      case 'P': {
        const [name = '', sql = ''] = cStrings(body, 2);
        this.#prepared.set(name, sql);
        return;
      }
      case 'B': {
        const [portal = '', statement = ''] = cStrings(body, 2);
        this.#portals.set(portal, this.#prepared.get(statement) ?? '');
        return;
      }
      case 'E': {
        const [portal = ''] = cStrings(body, 1);
        this.#onStatement({ sql: this.#portals.get(portal) ?? '', protocol: 'extended' });
        return;
      }
      default:
    }
  }
}

/** The first `count` NUL-terminated strings of a message body. */
function cStrings(body: Buffer, count: number): string[] {
  const strings: string[] = [];
  let start = 0;
  while (strings.length < count && start < body.length) {
    const end = body.indexOf(0, start);
    if (end < 0) break;
    strings.push(body.toString('utf8', start, end));
    start = end + 1;
  }
  return strings;
}

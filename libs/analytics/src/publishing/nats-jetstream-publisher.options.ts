/** How NatsJetStreamPublisher reaches NATS and what stream it keeps. */
export interface NatsJetStreamPublisherOptions {
  /** host:port or nats://host:port entries; the client picks among them and reconnects forever. */
  readonly servers: readonly string[];
  /** The stream created when missing; default `CARTS`. */
  readonly stream?: string;
  /** Events go to `<subjectPrefix>.<type>` (carts.cart.item_added); the stream captures `<subjectPrefix>.>`. Default `carts`. */
  readonly subjectPrefix?: string;
  /** Replicas of a stream this publisher creates (1, 3 or 5 on a cluster); default 1. */
  readonly replicas?: number;
  /** The stream's Nats-Msg-Id deduplication window for a stream this publisher creates; default 120 000 (2 min, JetStream's own default). */
  readonly duplicateWindowMs?: number;
  /** How long one publish waits for JetStream's ack; default 3000. */
  readonly ackTimeoutMs?: number;
  /** How long the first connection attempt may take before publish throws (the relay retries); default 5000. */
  readonly connectTimeoutMs?: number;
  /** Carts published concurrently; each cart's events still go one at a time, in order. Default 32. */
  readonly maxInFlight?: number;
  /** Client name shown by the server's monitoring; default `carteria-outbox`. */
  readonly name?: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

export const natsPublisherDefaults = Object.freeze({
  stream: 'CARTS',
  subjectPrefix: 'carts',
  replicas: 1,
  duplicateWindowMs: 120_000,
  ackTimeoutMs: 3_000,
  connectTimeoutMs: 5_000,
  maxInFlight: 32,
  name: 'carteria-outbox',
});

export type ResolvedNatsOptions = Required<Omit<NatsJetStreamPublisherOptions, 'user' | 'pass' | 'token'>> &
  Pick<NatsJetStreamPublisherOptions, 'user' | 'pass' | 'token'>;

/** The options with defaults filled in; throws a RangeError on a value no publisher could use. */
export function resolveNatsOptions(options: NatsJetStreamPublisherOptions): ResolvedNatsOptions {
  const resolved: ResolvedNatsOptions = { ...natsPublisherDefaults, ...definedOnly(options), servers: [...options.servers] };
  if (resolved.servers.length === 0 || resolved.servers.some((server) => server.trim() === '')) {
    throw new RangeError('NATS servers: give at least one host:port or nats:// URL.');
  }
  if (!/^[A-Za-z0-9_-]+$/.test(resolved.stream)) throw new RangeError(`NATS stream name is not valid: ${resolved.stream}`);
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(resolved.subjectPrefix)) {
    throw new RangeError(`NATS subject prefix is not valid: ${resolved.subjectPrefix}`);
  }
  requireInteger('replicas', resolved.replicas, 1, 5);
  requireInteger('duplicateWindowMs', resolved.duplicateWindowMs, 1_000);
  requireInteger('ackTimeoutMs', resolved.ackTimeoutMs, 1);
  requireInteger('connectTimeoutMs', resolved.connectTimeoutMs, 1);
  requireInteger('maxInFlight', resolved.maxInFlight, 1);
  return Object.freeze(resolved);
}

/** `NATS_URL` as the NATS tools write it: comma-separated servers ("nats://a:4222,nats://b:4222"). */
export function natsServersFrom(value: string): string[] {
  return value
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`NATS publisher option ${name} must be an integer in [${min}, ${max}], got ${value}.`);
  }
}

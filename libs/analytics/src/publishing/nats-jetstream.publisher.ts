import { jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CloudEvent } from '../events/cloud-event.ts';
import { EventPublishError } from './event-publisher.ts';
import type { EventPublisher, PublishOptions } from './event-publisher.ts';
import { resolveNatsOptions } from './nats-jetstream-publisher.options.ts';
import type { NatsJetStreamPublisherOptions, ResolvedNatsOptions } from './nats-jetstream-publisher.options.ts';
import { publishPerSubjectInOrder } from './per-subject.publishing.ts';

interface Connected {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
}

const subjectToken = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * Publishes cart events to NATS JetStream: each to `<prefix>.<type>` with `Nats-Msg-Id` = the
 * event id (the stream drops a re-publish inside its duplicate window), waiting for each ack.
 * Connects on first use and creates the stream if it is missing; once connected the client
 * reconnects forever. A cart's events go one after the other, so the stream keeps each cart's
 * order; different carts go concurrently.
 */
export class NatsJetStreamPublisher implements EventPublisher {
  readonly #options: ResolvedNatsOptions;
  #connection: Promise<Connected> | undefined;
  #streamChecked = false;
  #closed = false;

  constructor(options: NatsJetStreamPublisherOptions) {
    this.#options = resolveNatsOptions(options);
  }

  /**
   * Connects and makes sure of the stream now rather than at the first publish; throws
   * EventPublishError if either fails (the app may log it and go on: publish tries again).
   */
  async connect(): Promise<void> {
    await this.#ready();
  }

  async publish(events: readonly CloudEvent[], options?: PublishOptions): Promise<void> {
    if (events.length === 0) return;
    const js = await this.#ready();
    const { stream, ackTimeoutMs, maxInFlight } = this.#options;
    try {
      await publishPerSubjectInOrder(events, { maxInFlight, signal: options?.signal }, async (event) => {
        const ack = await js.publish(this.#subjectOf(event), JSON.stringify(event), {
          msgID: event.id,
          timeout: ackTimeoutMs,
          expect: { streamName: stream },
          headers: cloudEventHeaders(),
        });
        if (ack.stream !== stream) throw new Error(`Stream ${ack.stream} acknowledged an event meant for ${stream}.`);
      });
    } catch (error) {
      // The stream may have been deleted or recreated: look again before the next batch.
      this.#streamChecked = false;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    if (!connection) return;
    const connected = await connection.catch(() => undefined);
    if (connected && !connected.nc.isClosed()) await connected.nc.close();
  }

  async #ready(): Promise<JetStreamClient> {
    const { js, nc } = await this.#connected();
    if (!this.#streamChecked) {
      await this.#ensureStream(nc);
      this.#streamChecked = true;
    }
    return js;
  }

  #connected(): Promise<Connected> {
    if (this.#closed) return Promise.reject(new EventPublishError('The NATS publisher is closed.'));
    if (!this.#connection) {
      const connection = this.#connect();
      this.#connection = connection;
      connection.catch(() => {
        if (this.#connection === connection) this.#connection = undefined;
      });
    }
    return this.#connection;
  }

  async #connect(): Promise<Connected> {
    const { servers, name, connectTimeoutMs, user, pass, token, ackTimeoutMs } = this.#options;
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: [...servers],
        name,
        timeout: connectTimeoutMs,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
        // A server that vanished without closing the socket is noticed in about a minute, not six.
        pingInterval: 20_000,
        maxPingOut: 3,
        ...(user !== undefined ? { user } : {}),
        ...(pass !== undefined ? { pass } : {}),
        ...(token !== undefined ? { token } : {}),
      });
    } catch (error) {
      throw new EventPublishError(`Could not connect to NATS (${servers.join(', ')}).`, { cause: error });
    }
    // With unlimited reconnects the connection closes only when we close it, but be safe.
    void nc.closed().then(() => {
      this.#connection = undefined;
      this.#streamChecked = false;
    });
    return { nc, js: jetstream(nc, { timeout: ackTimeoutMs }) };
  }

  /** Creates the stream when it does not exist; checks that an existing one captures our subjects. */
  async #ensureStream(nc: NatsConnection): Promise<void> {
    const { stream, subjectPrefix, replicas, duplicateWindowMs, ackTimeoutMs } = this.#options;
    const subjects = `${subjectPrefix}.>`;
    try {
      const jsm = await jetstreamManager(nc, { timeout: ackTimeoutMs });
      const existing = await jsm.streams.info(stream).catch((error: unknown) => {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return null;
        throw error;
      });
      if (existing === null) {
        // Two replicas adding the same configuration at once both succeed.
        await jsm.streams.add({
          name: stream,
          subjects: [subjects],
          num_replicas: replicas,
          duplicate_window: nanos(duplicateWindowMs),
        });
      } else if (!(existing.config.subjects ?? []).includes(subjects)) {
        throw new Error(`Stream ${stream} exists but does not capture ${subjects}.`);
      }
    } catch (error) {
      throw new EventPublishError(`NATS stream ${stream} is not usable.`, { cause: error });
    }
  }

  #subjectOf(event: CloudEvent): string {
    if (!subjectToken.test(event.type)) throw new EventPublishError(`Event type ${event.type} cannot be a NATS subject.`);
    return `${this.#options.subjectPrefix}.${event.type}`;
  }
}

/** CloudEvents NATS binding, structured mode: the payload is the whole event as JSON. */
function cloudEventHeaders() {
  const result = headers();
  result.set('Content-Type', 'application/cloudevents+json');
  return result;
}

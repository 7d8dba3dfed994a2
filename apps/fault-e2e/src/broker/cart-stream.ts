import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** The stream and subjects the api's publisher uses (libs/analytics natsPublisherDefaults). */
export const cartsStream = 'CARTS';
export const cartsSubjects = 'carts.>';

/** One message as a consumer sees it: the event's id, cart and per-cart sequence. */
export interface StreamedEvent {
  readonly streamSequence: number;
  readonly id: string;
  readonly cartId: string;
  readonly sequence: number;
  readonly type: string;
}

interface CloudEventFields {
  readonly id: string;
  readonly subject: string;
  readonly sequence: string;
  readonly type: string;
}

/**
 * Creates the CARTS stream with `replicas` copies, as the api's publisher would (it only creates
 * the stream when missing, with 1 replica: the api has no setting for more yet). Retries while a
 * fresh cluster is still electing its JetStream metadata leader.
 */
export async function createCartsStream(servers: readonly string[], replicas: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nc = await connect({ servers: [...servers] });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: cartsStream, subjects: [cartsSubjects], num_replicas: replicas, duplicate_window: nanos(120_000) });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      await nc.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The stream's leader and replicas as the cluster reports them. */
export async function streamCluster(servers: readonly string[]): Promise<{ leader: string | undefined; replicas: { name: string; current: boolean }[]; messages: number }> {
  const nc = await connect({ servers: [...servers] });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(cartsStream);
    return {
      leader: info.cluster?.leader,
      replicas: (info.cluster?.replicas ?? []).map((replica) => ({ name: replica.name, current: replica.current })),
      messages: info.state.messages,
    };
  } finally {
    await nc.close();
  }
}

/** Reads the whole stream from its first message with an ordered consumer. */
export async function readCartsStream(servers: readonly string[]): Promise<StreamedEvent[]> {
  const nc = await connect({ servers: [...servers] });
  try {
    const last = (await (await jetstreamManager(nc)).streams.info(cartsStream)).state.last_seq;
    const consumer = await jetstream(nc).consumers.get(cartsStream);
    const messages: StreamedEvent[] = [];
    while ((messages.at(-1)?.streamSequence ?? 0) < last) {
      const batch = await consumer.fetch({ max_messages: 1_000, expires: 2_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        const event = message.json<CloudEventFields>();
        messages.push({ streamSequence: message.seq, id: event.id, cartId: event.subject, sequence: Number(event.sequence), type: event.type });
      }
      if (received === 0) break;
    }
    return messages;
  } finally {
    await nc.close();
  }
}

/**
 * A plain (core NATS) subscriber on `carts.>`: it sees every publish the api makes, including
 * re-publishes that the stream drops as duplicates of a `Nats-Msg-Id`. So it counts how often each
 * event was *sent*, which the stream alone cannot show.
 */
export class PublishTap {
  /** Event id → how many times it was published. */
  readonly counts = new Map<string, number>();
  readonly #nc: NatsConnection;
  readonly #subscription: Subscription;
  readonly #done: Promise<void>;

  private constructor(nc: NatsConnection) {
    this.#nc = nc;
    const subscription = nc.subscribe(cartsSubjects);
    this.#subscription = subscription;
    this.#done = (async () => {
      for await (const message of subscription) {
        const id = message.headers?.get('Nats-Msg-Id') || message.json<CloudEventFields>().id;
        this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
      }
    })();
  }

  static async start(servers: readonly string[]): Promise<PublishTap> {
    const nc = await connect({ servers: [...servers] });
    const tap = new PublishTap(nc);
    await nc.flush(); // the subscription is registered on the server before anything is published
    return tap;
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  async close(): Promise<void> {
    this.#subscription.unsubscribe();
    await this.#done.catch(() => undefined);
    await this.#nc.close();
  }
}

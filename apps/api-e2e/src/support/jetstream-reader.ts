import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { CartEventBody } from './cart-event.types.ts';

/** One message of the `CARTS` stream as an analytics consumer gets it. */
export interface StreamedEvent {
  readonly subject: string;
  readonly streamSequence: number;
  readonly msgId: string | undefined;
  readonly event: CartEventBody;
  /** performance.now() when this process could read it. */
  readonly receivedAt: number;
}

export const cartsStream = 'CARTS';

/** Whether the api created the stream yet (it does at its first publish, or when it connects). */
export async function streamExists(url: string): Promise<boolean> {
  const nc = await connect({ servers: url });
  try {
    await (await jetstreamManager(nc)).streams.info(cartsStream);
    return true;
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

/** Reads the whole stream from its first message with an ordered consumer, until it runs dry. */
export async function readWholeStream(url: string): Promise<StreamedEvent[]> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const last = (await jsm.streams.info(cartsStream)).state.last_seq;
    const consumer = await jetstream(nc).consumers.get(cartsStream);
    const messages: StreamedEvent[] = [];
    while ((messages.at(-1)?.streamSequence ?? 0) < last) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        messages.push({
          subject: message.subject,
          streamSequence: message.seq,
          msgId: message.headers?.get('Nats-Msg-Id'),
          event: message.json<CartEventBody>(),
          receivedAt: performance.now(),
        });
      }
      if (received === 0) break;
    }
    return messages;
  } finally {
    await nc.close();
  }
}

/**
 * Follows the stream live from its start (an ordered push of every message as it is stored), so a
 * test can see when each event became readable.
 */
export class StreamWatcher {
  readonly received: StreamedEvent[] = [];
  readonly #nc: NatsConnection;
  readonly #messages: ConsumerMessages;
  readonly #done: Promise<void>;

  private constructor(nc: NatsConnection, messages: ConsumerMessages) {
    this.#nc = nc;
    this.#messages = messages;
    this.#done = (async () => {
      for await (const message of messages) {
        this.received.push({
          subject: message.subject,
          streamSequence: message.seq,
          msgId: message.headers?.get('Nats-Msg-Id'),
          event: message.json<CartEventBody>(),
          receivedAt: performance.now(),
        });
      }
    })();
  }

  static async start(url: string): Promise<StreamWatcher> {
    const nc = await connect({ servers: url });
    const consumer = await jetstream(nc).consumers.get(cartsStream);
    return new StreamWatcher(nc, await consumer.consume({ max_messages: 1_000 }));
  }

  async close(): Promise<void> {
    this.#messages.stop();
    await this.#done.catch(() => undefined);
    await this.#nc.close();
  }
}

/** Polls until `condition` holds; throws `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The value at quantile q (0..1) of `values`, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

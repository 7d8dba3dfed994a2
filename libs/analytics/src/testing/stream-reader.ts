import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { CloudEvent } from '../events/cloud-event.ts';

export interface StreamMessage {
  readonly subject: string;
  readonly streamSequence: number;
  readonly msgId: string | undefined;
  readonly event: CloudEvent;
}

/**
 * Reads the whole stream from the start with an ordered consumer, as an analytics consumer would,
 * until `expected` messages came or the stream went quiet for `quietMs`.
 */
export async function readStream(
  url: string,
  options: { readonly stream?: string; readonly expected?: number; readonly quietMs?: number } = {},
): Promise<StreamMessage[]> {
  const nc = await connect({ servers: url });
  try {
    const consumer = await jetstream(nc).consumers.get(options.stream ?? 'CARTS');
    const messages: StreamMessage[] = [];
    for (;;) {
      const wanted = options.expected === undefined ? 500 : Math.min(500, Math.max(1, options.expected - messages.length));
      const batch = await consumer.fetch({ max_messages: wanted, expires: options.quietMs ?? 1_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        messages.push({
          subject: message.subject,
          streamSequence: message.seq,
          msgId: message.headers?.get('Nats-Msg-Id'),
          event: message.json<CloudEvent>(),
        });
      }
      if (received === 0 || (options.expected !== undefined && messages.length >= options.expected)) return messages;
    }
  } finally {
    await nc.close();
  }
}

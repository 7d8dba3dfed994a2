import type { CloudEvent } from '../events/cloud-event.ts';
import { EventPublishError } from './event-publisher.ts';

export interface PerSubjectOptions {
  /** Subjects (carts) sent concurrently. */
  readonly maxInFlight: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends `events` with `send`, one subject's events strictly one after the other (the next only once
 * the previous was acknowledged), up to `maxInFlight` subjects at once. At the first failure or
 * abort nothing new starts; what is in flight is awaited; then an EventPublishError lists every
 * acknowledged id, which per subject is a prefix of that subject's events.
 */
export async function publishPerSubjectInOrder(
  events: readonly CloudEvent[],
  options: PerSubjectOptions,
  send: (event: CloudEvent) => Promise<void>,
): Promise<void> {
  const queue = groupBySubject(events);
  const acknowledged: string[] = [];
  let failure: { readonly error: unknown } | undefined;
  const halted = (): boolean => {
    if (failure === undefined && options.signal?.aborted) failure = { error: options.signal.reason };
    return failure !== undefined;
  };

  const worker = async (): Promise<void> => {
    for (let chain = queue.shift(); chain !== undefined && !halted(); chain = queue.shift()) {
      for (const event of chain) {
        if (halted()) return;
        try {
          await send(event);
          acknowledged.push(event.id);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  const workers = Math.min(options.maxInFlight, queue.length);
  await Promise.all(Array.from({ length: workers }, worker));

  if (failure !== undefined) {
    const { error } = failure;
    const reason = error instanceof Error ? error.message : 'aborted';
    throw new EventPublishError(`Published ${acknowledged.length} of ${events.length} events: ${reason}`, {
      acknowledged,
      cause: error,
    });
  }
}

function groupBySubject(events: readonly CloudEvent[]): CloudEvent[][] {
  const chains = new Map<string, CloudEvent[]>();
  for (const event of events) {
    const chain = chains.get(event.subject);
    if (chain) chain.push(event);
    else chains.set(event.subject, [event]);
  }
  return [...chains.values()];
}

import type { CloudEvent } from '../events/cloud-event.ts';
import { EventPublishError } from '../publishing/event-publisher.ts';
import type { EventPublisher, PublishOptions } from '../publishing/event-publisher.ts';

export interface InjectedFailure {
  /** Events accepted before the failure. */
  readonly afterEvents: number;
  /** true: throw EventPublishError naming them; false: a plain Error, as a crash would (nothing known acknowledged). */
  readonly reportAcknowledged: boolean;
}

/**
 * An EventPublisher that keeps what it accepts, in order (re-sent events included), and can be
 * told to fail part-way through its next batches.
 */
export class InMemoryEventPublisher implements EventPublisher {
  readonly accepted: CloudEvent[] = [];
  readonly batches: number[] = [];
  #failures: InjectedFailure[] = [];
  #closed = false;

  /** The next batch fails after `afterEvents` events; queue several for several batches. */
  failNext(failure: InjectedFailure): void {
    this.#failures.push(failure);
  }

  get closed(): boolean {
    return this.#closed;
  }

  async publish(events: readonly CloudEvent[], options?: PublishOptions): Promise<void> {
    if (this.#closed) throw new EventPublishError('closed');
    this.batches.push(events.length);
    const failure = this.#failures.shift();
    const limit = failure ? Math.min(failure.afterEvents, events.length) : events.length;
    const acknowledged: string[] = [];
    for (const event of events.slice(0, limit)) {
      if (options?.signal?.aborted) throw new EventPublishError('aborted', { acknowledged });
      this.accepted.push(event);
      acknowledged.push(event.id);
    }
    if (!failure) return;
    if (failure.reportAcknowledged) throw new EventPublishError('injected failure', { acknowledged });
    throw new Error('injected crash');
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

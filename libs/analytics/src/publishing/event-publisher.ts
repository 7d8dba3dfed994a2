import { DomainError } from '@carteria/kernel';
import type { CloudEvent } from '../events/cloud-event.ts';

export interface PublishOptions {
  /**
   * Aborting it asks the publisher to start no further sends and to give up on the current
   * batch; it then throws EventPublishError naming what was acknowledged so far.
   */
  readonly signal?: AbortSignal;
}

/**
 * Where the outbox relay sends events. `publish` resolves once the broker or endpoint has
 * acknowledged every event, and throws otherwise (all or throw). Events come in (cart, sequence)
 * order; a publisher never lets a later event of a cart be acknowledged before an earlier one.
 */
export interface EventPublisher {
  publish(events: readonly CloudEvent[], options?: PublishOptions): Promise<void>;
  /** Releases connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A batch was not (entirely) acknowledged. `acknowledged` lists the ids the broker did accept
 * before the failure, per cart always a prefix of that cart's events in the batch; the relay marks
 * those as published and sends the rest again later.
 */
export class EventPublishError extends DomainError {
  readonly acknowledged: readonly string[];

  constructor(message: string, options?: { acknowledged?: readonly string[]; cause?: unknown }) {
    super('EVENT_PUBLISH_FAILED', 'unavailable', message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.acknowledged = options?.acknowledged ?? [];
  }
}

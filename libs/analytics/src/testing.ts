export { InMemoryEventPublisher } from './testing/in-memory-event.publisher.ts';
export type { InjectedFailure } from './testing/in-memory-event.publisher.ts';
export { RecordingOutboxMetrics } from './testing/recording-outbox.metrics.ts';
export { cartEventRecord, insertCartEvents, sampleEventDetails } from './testing/sample-cart-events.ts';
export { readStream } from './testing/stream-reader.ts';
export type { StreamMessage } from './testing/stream-reader.ts';
export { waitUntil } from './testing/wait-until.ts';

import { reconnectDelay } from './backoff.js';
import { SseParser } from './sse-parser.js';

/**
 * @typedef {object} CartStreamOptions
 * @property {string} cartId
 * @property {Record<string, string>} headers credentials: Cart-Token or Authorization
 * @property {number} after the cart version already shown; events after it are wanted
 * @property {(event: { type: string, sequence: number }) => void} onEvent
 * @property {() => void} onGone the cart no longer exists or is no longer ours (404, 401)
 * @property {(connected: boolean) => void} [onConnection]
 */

/**
 * Follows `GET /v1/carts/{id}/stream` with fetch (EventSource cannot send the cart token),
 * reconnecting with backoff after the server ends the stream or goes away, and resuming with
 * Last-Event-ID so no event is missed.
 * @param {CartStreamOptions} options
 * @returns {{ close(): void }}
 */
export function openCartStream(options) {
  const aborter = new AbortController();
  let lastEventId = String(options.after);
  let attempt = 0;

  async function connectOnce() {
    const response = await fetch(`/v1/carts/${options.cartId}/stream`, {
      headers: { ...options.headers, Accept: 'text/event-stream', 'Last-Event-ID': lastEventId },
      signal: aborter.signal,
      cache: 'no-store',
    });
    if (response.status === 404 || response.status === 401) {
      options.onGone();
      return false;
    }
    if (!response.ok || !response.body) return true;
    attempt = 0;
    options.onConnection?.(true);
    const parser = new SseParser(lastEventId);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.push(value)) {
        lastEventId = event.id;
        options.onEvent({ type: event.event, sequence: Number(event.id) });
      }
    }
    return true;
  }

  (async () => {
    for (;;) {
      let again = true;
      try {
        again = await connectOnce();
      } catch {
        // The server went away mid-stream or refused the connection: try again after a while.
      }
      if (aborter.signal.aborted || !again) return;
      options.onConnection?.(false);
      await new Promise((resolve) => setTimeout(resolve, reconnectDelay(attempt++)));
      if (aborter.signal.aborted) return;
    }
  })();

  return {
    close() {
      aborter.abort();
    },
  };
}

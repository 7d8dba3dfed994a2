/**
 * @typedef {object} SseEvent
 * @property {string} id The last event id seen (carried over, as the spec says).
 * @property {string} event The event type; "message" when none was given.
 * @property {string} data
 */

/**
 * Parses a text/event-stream body as it arrives, chunk by chunk (WHATWG HTML, "server-sent
 * events"): fields `event`, `data`, `id`, `retry`; comment lines start with ':'.
 */
export class SseParser {
  #buffer = '';
  #lastEventId = '';
  #type = '';
  /** @type {string[]} */
  #data = [];
  /** @type {number | undefined} */
  retryMs;

  /** @param {string} [lastEventId] */
  constructor(lastEventId = '') {
    this.#lastEventId = lastEventId;
  }

  get lastEventId() {
    return this.#lastEventId;
  }

  /**
   * @param {string} chunk decoded text
   * @returns {SseEvent[]} the events completed by this chunk
   */
  push(chunk) {
    this.#buffer += chunk;
    /** @type {SseEvent[]} */
    const events = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone "\r" at the end may be the first half of "\r\n": wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * @param {string} line
   * @returns {SseEvent | undefined}
   */
  #line(line) {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }

  /** @returns {SseEvent | undefined} */
  #dispatch() {
    const type = this.#type;
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    if (data.length === 0) return undefined;
    return { id: this.#lastEventId, event: type || 'message', data: data.join('\n') };
  }
}

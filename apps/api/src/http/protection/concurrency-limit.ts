import { UsualValue } from './usual-value.ts';

export interface ConcurrencyLimitOptions {
  /** The most requests served at once, and the limit it starts at. */
  readonly max: number;
  /**
   * How many times its route's usual latency a typical answer may take, and how many times the usual
   * number of requests may be in flight, before the limit shrinks.
   */
  readonly tolerance: number;
  /** The limit is judged once per window of at least this long and `minSamples` answers. */
  readonly windowMs: number;
  readonly minSamples: number;
  /** How fast the usual latencies and number in flight follow higher readings: slowly, so that queueing is not taken for usual. */
  readonly followHigherMs: number;
  /** How fast they follow lower ones. */
  readonly followLowerMs: number;
}

export const defaultLimitShape: Omit<ConcurrencyLimitOptions, 'max'> = {
  tolerance: 1.2,
  windowMs: 100,
  minSamples: 10,
  followHigherMs: 60_000,
  followLowerMs: 5_000,
};

/** Answers faster than this are compared with it instead, so that timer jitter on tiny latencies is no signal. */
const latencyFloorMs = 1;

/**
 * How many API requests may be served at once, found while serving (after Netflix's
 * concurrency-limits, Gradient2). Past the point where the service is busy, every further request
 * in flight only adds waiting: latency = requests in flight / throughput (Little's law). So each
 * answer's latency is compared with its route's usual latency, and the requests in flight with
 * their usual number. Once per window, when both are past `tolerance` (more requests than usual,
 * each slower than usual: queueing), the limit is scaled by tolerance / (the median latency ratio),
 * at most halved; its square root is added back (when the limit was in use or shrinks). Slower
 * answers without more requests in flight (heavier requests, a slower database) shrink nothing.
 * At twice the capacity the limit settles near the concurrency the service serves at its usual
 * latency: the requests admitted keep most of their latency, the rest are refused at once. The
 * square root keeps the limit from collapsing when refusals themselves slow the service, and the
 * usual values follow higher readings over a minute, so that sustained overload is not taken for the
 * usual within the time it takes to scale out.
 */
export class AdaptiveConcurrencyLimit {
  readonly #options: ConcurrencyLimitOptions;
  readonly #now: () => number;
  readonly #usualLatency = new Map<string, UsualValue>();
  readonly #usualInFlight: UsualValue;
  #limit: number;
  #inFlight = 0;
  #windowStart: number;
  #windowPeak = 0;
  #ratios: number[] = [];
  #crowding = 0;

  constructor(options: ConcurrencyLimitOptions, now: () => number = () => performance.now()) {
    this.#options = options;
    this.#now = now;
    this.#limit = options.max;
    this.#windowStart = now();
    this.#usualInFlight = new UsualValue(options.followHigherMs, options.followLowerMs);
  }

  get limit(): number {
    return Math.floor(this.#limit);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Takes a place; false when every place is taken. */
  tryAcquire(): boolean {
    if (this.#inFlight >= this.limit) return false;
    this.#inFlight += 1;
    this.#windowPeak = Math.max(this.#windowPeak, this.#inFlight);
    return true;
  }

  /** Gives a place back. An answered request passes its route and latency; an abandoned one passes nothing. */
  release(answered?: { readonly route: string; readonly latencyMs: number }): void {
    const inFlight = this.#inFlight;
    this.#inFlight -= 1;
    if (!answered) return;
    const now = this.#now();
    const latency = Math.max(answered.latencyMs, latencyFloorMs);
    this.#ratios.push(latency / this.#usualLatencyOf(answered.route).update(latency, now));
    this.#crowding += inFlight / this.#usualInFlight.update(inFlight, now);
    if (now - this.#windowStart >= this.#options.windowMs && this.#ratios.length >= this.#options.minSamples) this.#judge(now);
  }

  #usualLatencyOf(route: string): UsualValue {
    let usual = this.#usualLatency.get(route);
    if (!usual) {
      usual = new UsualValue(this.#options.followHigherMs, this.#options.followLowerMs);
      this.#usualLatency.set(route, usual);
    }
    return usual;
  }

  #judge(now: number): void {
    const { max, tolerance } = this.#options;
    const crowded = this.#crowding / this.#ratios.length > tolerance;
    const gradient = crowded ? Math.min(1, Math.max(0.5, tolerance / median(this.#ratios))) : 1;
    const inUse = this.#windowPeak >= this.#limit / 2;
    // The square root is the headroom: growth while answers are quick, and a floor (4: x = x / 2 + √x) however slow.
    if (gradient < 1 || inUse) this.#limit = Math.min(max, this.#limit * gradient + Math.sqrt(this.#limit));
    this.#ratios = [];
    this.#crowding = 0;
    this.#windowPeak = this.#inFlight;
    this.#windowStart = now;
  }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}

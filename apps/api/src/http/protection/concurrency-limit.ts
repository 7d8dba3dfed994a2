export interface ConcurrencyLimitOptions {
  /** The most requests served at once, and the limit it starts at. */
  readonly max: number;
  /** How many times its route's usual latency a typical answer may take before the limit shrinks. */
  readonly tolerance: number;
  /** The limit is judged once per window of at least this long and `minSamples` answers. */
  readonly windowMs: number;
  readonly minSamples: number;
  /** How fast a route's usual latency follows slower answers: slowly, so that queueing is not taken for usual. */
  readonly followSlowerMs: number;
  /** How fast it follows quicker ones. */
  readonly followQuickerMs: number;
}

export const defaultLimitShape: Omit<ConcurrencyLimitOptions, 'max'> = {
  tolerance: 1.2,
  windowMs: 100,
  minSamples: 10,
  followSlowerMs: 60_000,
  followQuickerMs: 5_000,
};

/** Answers faster than this are compared with it instead, so that timer jitter on tiny latencies is no signal. */
const latencyFloorMs = 1;

/** A route's usual latency: an average over time that follows quicker answers faster than slower ones. */
interface UsualLatency {
  ms: number;
  at: number;
}

/**
 * How many API requests may be served at once, found while serving (after Netflix's
 * concurrency-limits, Gradient2). Past the point where the service is busy, every further request
 * in flight only adds waiting: latency = requests in flight / throughput (Little's law). So each
 * answer's latency is compared with its route's usual latency; once per window the limit is scaled
 * by tolerance / (the median of those ratios), between 1/2 and 1, and its square root is added
 * (when the limit was in use or shrinks). At twice the capacity it settles near the concurrency the
 * service serves at its usual latency: the requests admitted keep their latency, the rest are
 * refused at once. The headroom keeps it from collapsing when refusals themselves slow the service,
 * and the usual latency follows slower answers over a minute, so sustained overload is not taken
 * for the usual within the time it takes to scale out.
 */
export class AdaptiveConcurrencyLimit {
  readonly #options: ConcurrencyLimitOptions;
  readonly #now: () => number;
  readonly #usual = new Map<string, UsualLatency>();
  #limit: number;
  #inFlight = 0;
  #windowStart: number;
  #windowPeak = 0;
  #ratios: number[] = [];

  constructor(options: ConcurrencyLimitOptions, now: () => number = () => performance.now()) {
    this.#options = options;
    this.#now = now;
    this.#limit = options.max;
    this.#windowStart = now();
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
    this.#inFlight -= 1;
    if (!answered) return;
    const now = this.#now();
    this.#ratios.push(answered.latencyMs / this.#usualLatency(answered.route, answered.latencyMs, now));
    if (now - this.#windowStart >= this.#options.windowMs && this.#ratios.length >= this.#options.minSamples) this.#judge(now);
  }

  /** The route's usual latency before this answer, then updated with it. */
  #usualLatency(route: string, latencyMs: number, now: number): number {
    const latency = Math.max(latencyMs, latencyFloorMs);
    const usual = this.#usual.get(route);
    if (!usual) {
      this.#usual.set(route, { ms: latency, at: now });
      return latency;
    }
    const before = usual.ms;
    const followMs = latency > usual.ms ? this.#options.followSlowerMs : this.#options.followQuickerMs;
    usual.ms += (latency - usual.ms) * Math.min(1, (now - usual.at) / followMs);
    usual.at = now;
    return before;
  }

  #judge(now: number): void {
    const { max, tolerance } = this.#options;
    const gradient = Math.min(1, Math.max(0.5, tolerance / median(this.#ratios)));
    const inUse = this.#windowPeak >= this.#limit / 2;
    // The square root is the headroom: growth while answers are quick, and a floor (4: x = x / 2 + √x) however slow.
    if (gradient < 1 || inUse) this.#limit = Math.min(max, this.#limit * gradient + Math.sqrt(this.#limit));
    this.#ratios = [];
    this.#windowPeak = this.#inFlight;
    this.#windowStart = now;
  }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}

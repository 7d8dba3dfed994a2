import type { Clock } from '@carteria/kernel';

/** A clock that stands still until a test moves it. */
export interface FixedClock extends Clock {
  /** Moves the clock by `ms` milliseconds (negative goes back). */
  advance(ms: number): void;
}

export function fixedClock(iso: string): FixedClock {
  let now = Date.parse(iso);
  if (Number.isNaN(now)) throw new TypeError(`fixedClock needs an ISO 8601 instant, not "${iso}".`);
  return {
    // A new Date each time, so a caller that mutates one cannot move the clock.
    now: () => new Date(now),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError(`advance needs a finite number of milliseconds, not ${ms}.`);
      now += ms;
    },
  };
}

/**
 * What a measure usually is: an average over time that follows lower readings within
 * `followLowerMs` and higher ones only over `followHigherMs`, so that a lasting rise is taken for
 * the usual slowly and a passing one hardly at all.
 */
export class UsualValue {
  readonly #followHigherMs: number;
  readonly #followLowerMs: number;
  #value: number | undefined;
  #at = 0;

  constructor(followHigherMs: number, followLowerMs: number) {
    this.#followHigherMs = followHigherMs;
    this.#followLowerMs = followLowerMs;
  }

  /** The usual value before this reading (the reading itself when it is the first), then moved toward it. */
  update(reading: number, now: number): number {
    const before = this.#value ?? reading;
    const followMs = reading > before ? this.#followHigherMs : this.#followLowerMs;
    this.#value = this.#value === undefined ? reading : before + (reading - before) * Math.min(1, (now - this.#at) / followMs);
    this.#at = now;
    return before;
  }
}

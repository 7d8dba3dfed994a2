/** Where "now" comes from, so that time is a dependency tests can fix. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

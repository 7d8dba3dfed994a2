import { reconnectDelay } from '../public/js/backoff.js';

describe('reconnectDelay', () => {
  it('doubles from half a second up to five, drawing from the upper half', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => reconnectDelay(attempt, { random: () => 1 }))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => reconnectDelay(attempt, { random: () => 0 }))).toEqual([250, 500, 1000, 2000, 2500, 2500]);
  });
});

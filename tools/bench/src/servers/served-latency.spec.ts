import { bucketQuantile, bucketsBetween } from './served-latency.ts';

describe('served latency from the api histogram', () => {
  const before = new Map([
    [0.005, 10],
    [0.01, 10],
    [0.025, 10],
    [Infinity, 10],
  ]);
  const after = new Map([
    [0.005, 60],
    [0.01, 100],
    [0.025, 109],
    [Infinity, 110],
  ]);

  it('subtracts the earlier scrape and interpolates inside the quantile’s bucket', () => {
    const delta = bucketsBetween(before, after);
    expect([...delta.values()]).toEqual([50, 90, 99, 100]);
    expect(bucketQuantile(0.5, delta)).toBeCloseTo(5);
    expect(bucketQuantile(0.7, delta)).toBeCloseTo(5 + (5 * 20) / 40);
    expect(bucketQuantile(0.99, delta)).toBeCloseTo(25);
  });

  it('answers the highest finite bound for a quantile past it, and NaN without samples', () => {
    expect(bucketQuantile(0.999, bucketsBetween(before, after))).toBe(25);
    expect(bucketQuantile(0.5, bucketsBetween(before, before))).toBeNaN();
  });
});

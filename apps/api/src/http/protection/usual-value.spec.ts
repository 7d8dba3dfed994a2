import { UsualValue } from './usual-value.ts';

describe('UsualValue', () => {
  it('starts at its first reading and answers the value before each reading', () => {
    const usual = new UsualValue(60_000, 5_000);
    expect(usual.update(10, 0)).toBe(10);
    expect(usual.update(20, 1_000)).toBe(10);
  });

  it('follows a higher reading over its slow period and a lower one over its quick period', () => {
    const rising = new UsualValue(60_000, 5_000);
    rising.update(10, 0);
    rising.update(70, 6_000); // a tenth of the way up
    expect(rising.update(70, 6_000)).toBeCloseTo(16);

    const falling = new UsualValue(60_000, 5_000);
    falling.update(10, 0);
    falling.update(0, 2_500); // half of the way down
    expect(falling.update(0, 2_500)).toBeCloseTo(5);
  });

  it('takes a reading a whole period later for the usual', () => {
    const usual = new UsualValue(60_000, 5_000);
    usual.update(10, 0);
    usual.update(30, 60_000);
    expect(usual.update(30, 60_000)).toBe(30);
  });
});

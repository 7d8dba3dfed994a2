import { fixedClock } from './fixed-clock.ts';

describe('fixedClock', () => {
  it('returns the same instant until advanced', () => {
    const clock = fixedClock('2026-11-21T10:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-21T10:00:00.000Z');

    clock.advance(5 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-11-21T10:05:00.000Z');
    clock.advance(-1);
    expect(clock.now().toISOString()).toBe('2026-11-21T10:04:59.999Z');
  });

  it('cannot be moved by mutating a Date it returned', () => {
    const clock = fixedClock('2026-11-21T10:00:00.000Z');
    clock.now().setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => fixedClock('yesterday')).toThrow(TypeError);
    expect(() => fixedClock('2026-11-21T10:00:00.000Z').advance(Number.NaN)).toThrow(TypeError);
  });
});

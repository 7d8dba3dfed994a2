import { decodeCursor, encodeCursor } from './cursor.ts';

describe('page cursors', () => {
  it('round-trip a cart id', () => {
    const id = '01a20064-63ec-769a-8ac2-3a92f538b795';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('refuse a cursor this service did not make', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

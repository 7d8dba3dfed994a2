import type { Request } from 'express';
import { etagOf, expectedVersion, isNotModified } from './etag.ts';

function request(headers: Record<string, string>): Request {
  return { get: (name: string) => headers[name.toLowerCase()] } as Request;
}

describe('ETags', () => {
  it('quotes the version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it('reads the version of If-Match, strong or weak; none or * means any', () => {
    expect(expectedVersion(request({ 'if-match': '"7"' }))).toBe(7);
    expect(expectedVersion(request({ 'if-match': 'W/"7"' }))).toBe(7);
    expect(expectedVersion(request({}))).toBeUndefined();
    expect(expectedVersion(request({ 'if-match': '*' }))).toBeUndefined();
  });

  it.each(['7', '"x"', '"1", "2"', '""'])('refuses the malformed If-Match %p', (value) => {
    expect(() => expectedVersion(request({ 'if-match': value }))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('is not modified when If-None-Match lists the current version or *', () => {
    expect(isNotModified(request({ 'if-none-match': '"1", "3"' }), 3)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '*' }), 3)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '"2"' }), 3)).toBe(false);
    expect(isNotModified(request({}), 3)).toBe(false);
  });
});

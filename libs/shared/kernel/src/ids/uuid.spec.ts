import { isUuid, isUuidV7, newId } from './uuid.ts';

describe('newId', () => {
  it('makes UUIDv7 values that sort in creation order', () => {
    const ids = Array.from({ length: 100 }, () => newId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('tells UUIDs from other strings', () => {
    expect(isUuid('5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60')).toBe(true);
    expect(isUuidV7('5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
  });
});

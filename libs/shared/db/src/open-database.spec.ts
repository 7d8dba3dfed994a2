import { DatabaseOptionsError } from './database.errors.ts';
import { openDatabase } from './open-database.ts';

describe('openDatabase', () => {
  it.each([
    [{ url: 'mysql://localhost/carteria', dataDir: 'unused' }, /postgres:\/\//],
    [{ url: 'postgres://localhost/carteria', dataDir: 'unused', poolSize: 0 }, /poolSize/],
    [{ url: 'postgres://localhost/carteria', dataDir: 'unused', statementTimeoutMs: 1.5 }, /statementTimeoutMs/],
    [{ url: 'postgres://localhost/carteria', dataDir: 'unused', connectTimeoutMs: -1 }, /connectTimeoutMs/],
    [{ dataDir: '' }, /dataDir/],
  ])('refuses options that cannot work: %j', async (options, message) => {
    const opening = openDatabase(options);
    await expect(opening).rejects.toBeInstanceOf(DatabaseOptionsError);
    await expect(opening).rejects.toThrow(message);
  });

  it('never repeats the URL, which may hold a password, in its errors', async () => {
    await expect(openDatabase({ url: 'mysql://admin:s3cret@db/carteria', dataDir: 'unused' })).rejects.not.toThrow(/s3cret/);
  });
});

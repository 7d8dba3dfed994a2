import { openMigratedPglite } from './testing.ts';
import type { Database } from './database.ts';
import { Transactions } from './transactions.ts';

describe('Transactions', () => {
  let database: Database;
  let transactions: Transactions;

  beforeAll(async () => {
    database = await openMigratedPglite();
    transactions = new Transactions(database.prisma);
  });
  afterAll(() => database.close());

  const count = () => transactions.client().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM carts`;
  const insertCart = (id: string) =>
    transactions.run((tx) =>
      tx.$executeRaw`INSERT INTO carts (id, currency, created_at, updated_at) VALUES (${id}::uuid, 'EUR', now(), now())`,
    );

  it('joins the transaction already open, so an outer failure undoes the inner work', async () => {
    await expect(
      transactions.run(async () => {
        await insertCart('0193a0c4-6b1e-7c2a-9f00-00000000000a');
        expect(await count()).toEqual([{ n: 1 }]);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await count()).toEqual([{ n: 0 }]);
  });

  it('commits nested work with the outer transaction', async () => {
    await transactions.run(async () => {
      await insertCart('0193a0c4-6b1e-7c2a-9f00-00000000000b');
      await insertCart('0193a0c4-6b1e-7c2a-9f00-00000000000c');
    });
    expect(await count()).toEqual([{ n: 2 }]);
  });
});

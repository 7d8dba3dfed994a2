import { prismaSchemaShape } from './prisma-schema-shape.ts';
import { normalizeDefault } from './table-shape.ts';

const header = 'datasource db {\n  provider = "postgresql"\n}\n';

describe('prismaSchemaShape', () => {
  it('renders types, defaults and names as Prisma Migrate creates them', () => {
    const [order, owner] = prismaSchemaShape(`${header}
      model Owner {
        id    String  @id @db.Uuid
        email String  @unique
        orders Order[]
      }
      model Order {
        id        String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
        ownerId   String?  @map("owner_id") @db.Uuid
        total     Decimal  @db.Decimal(12, 2)
        paid      Boolean  @default(false)
        placedAt  DateTime @default(now()) @map("placed_at")
        owner     Owner?   @relation(fields: [ownerId], references: [id])
        @@index([placedAt(sort: Desc)])
        @@map("orders")
      }`);

    expect(order).toMatchObject({
      name: 'orders',
      columns: {
        id: { type: 'uuid', nullable: false, default: 'gen_random_uuid()' },
        owner_id: { type: 'uuid', nullable: true, default: null },
        total: { type: 'numeric(12,2)', nullable: false },
        paid: { type: 'boolean', default: 'false' },
        placed_at: { type: 'timestamp(3) without time zone', default: 'CURRENT_TIMESTAMP' },
      },
      primaryKey: { name: 'orders_pkey', columns: ['id'] },
      indexes: [{ name: 'orders_placed_at_idx', columns: ['placed_at DESC'], method: 'btree' }],
      foreignKeys: [
        { name: 'orders_owner_id_fkey', referencedTable: 'Owner', onDelete: 'SetNull', onUpdate: 'Cascade' },
      ],
    });
    expect(owner).toMatchObject({ columns: { email: { type: 'text' } }, uniques: [{ name: 'Owner_email_key', columns: ['email'] }] });
  });

  it('refuses what the check cannot compare yet, and sequences', () => {
    expect(() => prismaSchemaShape(`${header} enum Status {\n A\n B\n}\n model T {\n id Int @id\n s Status\n}`)).toThrow(/enums/);
    expect(() => prismaSchemaShape(`${header} model T {\n id Int @id @default(autoincrement())\n}`)).toThrow(/no sequences/);
  });
});

describe('normalizeDefault', () => {
  it.each([
    ["'active'::character varying", "'active'"],
    ["'-1'::integer", '-1'],
    ['1', '1'],
    ["'{}'::jsonb", "'{}'"],
    ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
    [null, null],
  ])('reads %p as %p', (expression, expected) => {
    expect(normalizeDefault(expression)).toBe(expected);
  });
});

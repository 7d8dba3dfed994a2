import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Database } from '../database.ts';
import { migrate } from '../migrations/migrate.ts';
import { openDatabase } from '../open-database.ts';
import { sqlDriverOf } from '../sql-session.ts';
import { readCatalogShape } from './catalog-shape.ts';
import { prismaSchemaShape } from './prisma-schema-shape.ts';
import type { TableShape } from './table-shape.ts';

const schemaFile = resolve(import.meta.dirname, '../../prisma/schema.prisma');

describe('schema.prisma and the migrations', () => {
  let database: Database;
  let migrated: TableShape[];
  let described: TableShape[];

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    migrated = await sqlDriverOf(database).withDedicatedSession((session) => readCatalogShape(session));
    described = prismaSchemaShape(await readFile(schemaFile, 'utf8'));
  });

  afterAll(async () => {
    await database.close();
  });

  it('describe the same tables: columns, types, nullability, defaults, keys, indexes and foreign keys', () => {
    expect(migrated.map((table) => table.name)).toEqual(expect.arrayContaining(['carts', 'cart_lines']));
    expect(migrated).toEqual(described);
  });

  it('create no sequence (ids are UUIDv7 made by the service)', async () => {
    const sequences = await sqlDriverOf(database).withDedicatedSession((session) =>
      session.query("SELECT relname FROM pg_class WHERE relkind = 'S'"),
    );
    expect(sequences).toEqual([]);
  });
});

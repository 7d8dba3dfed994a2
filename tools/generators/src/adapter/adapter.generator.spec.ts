import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { adapterGenerator } from './adapter.generator.ts';

const lib = (tree: Tree, name: string, files: Record<string, string>) => {
  tree.write(`libs/${name}/package.json`, JSON.stringify({ name: `@carteria/${name}`, nx: { name } }));
  for (const [path, text] of Object.entries(files)) tree.write(`libs/${name}/${path}`, text);
};

const STORE_PORT = `import type { Money } from '@carteria/kernel';
import type { Order } from '../domain/order.ts';

export interface OrderPage {
  readonly limit: number;
}

/** Where orders are kept. */
export interface OrderStore {
  find(orderId: string): Promise<Order | null>;
  list(page: OrderPage, ...ownerIds: string[]): Promise<Order[]>;
  total(orderId: string, currency?: string): Promise<Money>;
  transaction<T>(work: (store: OrderStore) => Promise<T>): Promise<T>;
  readonly name: string;
}
`;

const MODULE = `import { ContainerModule } from 'inversify';

export const ORDERS_TOKENS = {
  store: Symbol.for('carteria.orders.OrderStore'),
} as const;

/** Binds the store. */
export function ordersModule(): ContainerModule {
  return new ContainerModule(() => undefined);
}
`;

function ordersTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  lib(tree, 'orders', {
    'README.md': '# @carteria/orders\n\n## Ports\n\n| port | implementations |\n|---|---|\n| `OrderStore` | `InMemoryOrderStore` |\n\n## Invariants\n\n- none\n',
    'src/index.ts': "export type { OrderStore } from './ports/order.store.ts';\n",
    'src/ports/order.store.ts': STORE_PORT,
    'src/domain/order.ts': 'export interface Order { readonly id: string }\n',
    'src/adapters/in-memory-order.store.ts': 'export class InMemoryOrderStore {}\n',
    'src/orders.module.ts': MODULE,
  });
  return tree;
}

describe('adapter generator', () => {
  it('writes a class implementing every member of the port, in src/adapters, named after the port file', async () => {
    const tree = ordersTree();

    await adapterGenerator(tree, { port: 'OrderStore', name: 'redis', project: 'orders' });

    expect(tree.read('libs/orders/src/adapters/redis-order.store.ts', 'utf-8')).toBe(`import type { Money } from '@carteria/kernel';
import type { Order } from '../domain/order.ts';
import type { OrderPage, OrderStore } from '../ports/order.store.ts';

/**
 * OrderStore backed by redis. TODO: what it talks to, what it needs (options in the
 * constructor, never process.env), and how it fails.
 */
export class RedisOrderStore implements OrderStore {
  find(_orderId: string): Promise<Order | null> {
    throw new Error('RedisOrderStore.find is not written yet.');
  }

  list(_page: OrderPage, ..._ownerIds: string[]): Promise<Order[]> {
    throw new Error('RedisOrderStore.list is not written yet.');
  }

  total(_orderId: string, _currency?: string): Promise<Money> {
    throw new Error('RedisOrderStore.total is not written yet.');
  }

  transaction<T>(_work: (store: OrderStore) => Promise<T>): Promise<T> {
    throw new Error('RedisOrderStore.transaction is not written yet.');
  }

  get name(): string {
    throw new Error('RedisOrderStore.name is not written yet.');
  }
}
`);
    const spec = tree.read('libs/orders/src/adapters/redis-order.store.spec.ts', 'utf-8')!;
    expect(spec).toContain("import type { OrderStore } from '../ports/order.store.ts';");
    expect(spec).toContain('const adapter: OrderStore = new RedisOrderStore();');
    expect(spec).toContain("expect(typeof adapter.transaction).toBe('function');");
    expect(spec).toContain("it.todo('find: what it answers, and how it fails');");
  });

  it('exports it, hints at its binding in the module, and lists it in the README', async () => {
    const tree = ordersTree();

    await adapterGenerator(tree, { port: 'order-store', name: 'redis', project: 'orders' });

    expect(tree.read('libs/orders/src/index.ts', 'utf-8')).toBe(
      "export type { OrderStore } from './ports/order.store.ts';\nexport { RedisOrderStore } from './adapters/redis-order.store.ts';\n",
    );
    const module = tree.read('libs/orders/src/orders.module.ts', 'utf-8')!;
    expect(module).toContain('// RedisOrderStore (src/adapters/redis-order.store.ts) implements OrderStore.');
    expect(module).toContain('//   bind<OrderStore>(ORDERS_TOKENS.store).toResolvedValue(() => new RedisOrderStore()).inSingletonScope();\n/** Binds the store. */');
    const readme = tree.read('libs/orders/README.md', 'utf-8')!;
    expect(readme).toContain(
      '| `OrderStore` | `InMemoryOrderStore` |\n| `OrderStore` | `RedisOrderStore` (`src/adapters/redis-order.store.ts`;',
    );
  });

  it('fills every column of a wider Ports table', async () => {
    const tree = ordersTree();
    tree.write('libs/orders/README.md', '## Ports\n\n| port | for | bound to |\n|---|---|---|\n| `OrderStore` | orders | `InMemoryOrderStore` |\n');

    await adapterGenerator(tree, { port: 'OrderStore', name: 'redis', project: 'orders' });

    const row = tree.read('libs/orders/README.md', 'utf-8')!.trimEnd().split('\n').at(-1)!;
    expect(row.startsWith('| `OrderStore` | `RedisOrderStore`')).toBe(true);
    expect(row.endsWith(' |  |')).toBe(true);
  });

  it('puts the adapter beside the port when the lib has no adapters folder', async () => {
    const tree = createTreeWithEmptyWorkspace();
    lib(tree, 'catalog', {
      'src/index.ts': "export type { Catalog } from './product.catalog.ts';\n",
      'src/product.catalog.ts': 'export interface Catalog {\n  size(): Promise<number>;\n}\n',
    });

    await adapterGenerator(tree, { port: 'Catalog', name: 'csv-file', project: 'catalog' });

    expect(tree.read('libs/catalog/src/csv-file-product.catalog.ts', 'utf-8')).toContain(
      "import type { Catalog } from './product.catalog.ts';\n\n/**",
    );
    expect(tree.read('libs/catalog/src/csv-file-product.catalog.ts', 'utf-8')).toContain('export class CsvFileCatalog implements Catalog {');
    expect(tree.read('libs/catalog/src/index.ts', 'utf-8')).toContain("export { CsvFileCatalog } from './csv-file-product.catalog.ts';");
    expect(tree.read('libs/catalog/README.md', 'utf-8')).toContain('## Ports\n\n| port | implementations |\n|---|---|\n| `Catalog` | `CsvFileCatalog`');
  });

  it('refuses an unknown project, an unknown port and an adapter that exists', async () => {
    const tree = ordersTree();
    await expect(adapterGenerator(tree, { port: 'OrderStore', name: 'redis', project: 'nope' })).rejects.toThrow(/No project/);
    await expect(adapterGenerator(tree, { port: 'Ledger', name: 'redis', project: 'orders' })).rejects.toThrow(/interface Ledger/);
    await expect(adapterGenerator(tree, { port: 'OrderStore', name: 'in-memory', project: 'orders' })).rejects.toThrow(/already exists/);
    await expect(adapterGenerator(tree, { port: 'OrderStore', name: 'Redis', project: 'orders' })).rejects.toThrow(/kebab-case/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePriceList, readCatalogNames, renderPriceList, unmatchedNames } from '../../scripts/generate-prices.ts';
import { EmbeddedPriceList, SHIPPED_PRICE_LIST } from './embedded-price-list.ts';

const sku = (n: number) => `sku-${String(n).padStart(3, '0')}`;
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => sku(first + i));
const ALL = range(1, 300);

describe('EmbeddedPriceList (the shipped list)', () => {
  const prices = new EmbeddedPriceList();

  it.each([
    ['EUR', 299],
    ['USD', 150],
    ['SEK', 50],
  ])('prices exactly sku-001..sku-%s in %s', async (currency, last) => {
    const quoted = await prices.quote(ALL, currency);
    expect([...quoted.keys()]).toEqual(range(1, last));
  });

  it('has no price for sku-300, so the cart can show PRICE_UNAVAILABLE', async () => {
    expect((await prices.quote(['sku-300'], 'EUR')).size).toBe(0);
  });

  it('quotes only positive whole minor units in the currency asked, never a float', async () => {
    for (const currency of ['EUR', 'USD', 'SEK']) {
      for (const [, price] of await prices.quote(ALL, currency)) {
        expect(price.currency).toBe(currency);
        expect(Number.isSafeInteger(price.amount)).toBe(true);
        expect(price.amount).toBeGreaterThan(0);
      }
    }
  });

  it('prices each category within a believable range (EUR cents)', async () => {
    const eur = await prices.quote(ALL, 'EUR');
    const amounts = (first: number, last: number) => range(first, last).flatMap((id) => eur.get(id)?.amount ?? []);
    const bounds: Array<[number, number, number, number]> = [
      [1, 60, 300, 5_000], // coffee & tea
      [61, 120, 500, 20_000], // kitchen
      [121, 180, 1_000, 4_000], // books
      [181, 240, 200, 5_000], // stationery
      [241, 299, 300, 15_000], // home & garden
    ];
    for (const [first, last, min, max] of bounds) {
      for (const amount of amounts(first, last)) {
        expect(amount).toBeGreaterThanOrEqual(min);
        expect(amount).toBeLessThanOrEqual(max);
      }
    }
  });

  it('answers unknown products and currencies with absence, and each product once', async () => {
    const quoted = await prices.quote(['sku-001', 'nope', 'sku-001'], 'EUR');
    expect([...quoted.keys()]).toEqual(['sku-001']);
    expect((await prices.quote(['sku-001'], 'JPY')).size).toBe(0);
    expect((await prices.quote([], 'EUR')).size).toBe(0);
  });

  it('is exactly what scripts/generate-prices.ts writes from the Products catalog (rerun it if not)', () => {
    expect(readFileSync(SHIPPED_PRICE_LIST, 'utf8')).toBe(renderPriceList(generatePriceList()));
    expect(unmatchedNames(readCatalogNames())).toEqual([]);
  });
});

describe('scripts/generate-prices.ts', () => {
  it('covers the agreed ids even for names it does not know, in whole minor units', () => {
    const { prices } = generatePriceList(new Map());
    expect(Object.keys(prices.EUR ?? {})).toEqual(range(1, 299));
    expect(Object.keys(prices.USD ?? {})).toEqual(range(1, 150));
    expect(Object.keys(prices.SEK ?? {})).toEqual(range(1, 50));
    expect(Object.values(prices).flatMap(Object.values).every(Number.isSafeInteger)).toBe(true);
  });

  it('prices the variants of one product family alike, and a kilo above 250 g', () => {
    const names = new Map([
      ['sku-001', 'Kenya Nyeri AA Coffee, Whole Bean 250 g'],
      ['sku-002', 'Kenya Nyeri AA Coffee, Ground 250 g'],
      ['sku-003', 'Kenya Nyeri AA Coffee, Whole Bean 1 kg'],
    ]);
    const eur = generatePriceList(names).prices.EUR ?? {};
    expect(eur['sku-001']).toBe(eur['sku-002']);
    expect(eur['sku-003']).toBeGreaterThan(2 * (eur['sku-001'] ?? 0));
  });
});

describe('EmbeddedPriceList (other files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pricing-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (prices: unknown) => {
    const path = join(dir, 'prices.json');
    writeFileSync(path, JSON.stringify({ source: 'test', prices }));
    return path;
  };

  it('reads its file once, when built', async () => {
    const path = file({ EUR: { 'sku-001': 1250 } });
    const list = new EmbeddedPriceList({ file: path });
    writeFileSync(path, JSON.stringify({ source: 'test', prices: { EUR: { 'sku-001': 9999 } } }));
    await expect(list.quote(['sku-001'], 'EUR')).resolves.toEqual(new Map([['sku-001', { amount: 1250, currency: 'EUR' }]]));
  });

  it.each([
    ['a float amount', { EUR: { 'sku-001': 12.5 } }],
    ['a negative amount', { EUR: { 'sku-001': -1 } }],
    ['an amount beyond a safe integer', { EUR: { 'sku-001': 2 ** 53 } }],
    ['an amount as a string', { EUR: { 'sku-001': '1250' } }],
    ['a currency that is not ISO 4217', { EUX: { 'sku-001': 1250 } }],
    ['a lower-case currency', { eur: { 'sku-001': 1250 } }],
    ['a malformed product id', { EUR: { 'sku 001': 1250 } }],
  ])('refuses a file with %s when built', (_, prices) => {
    expect(() => new EmbeddedPriceList({ file: file(prices) })).toThrow(/is invalid/);
  });
});

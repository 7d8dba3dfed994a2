import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiProcess, startApi } from '@carteria/testing';
import {
  chromiumInstalled,
  chromiumPath,
  focusIsVisible,
  launchBrowser,
  screenshot,
  tabTo,
  unnamedControls,
  type ShopBrowser,
} from './support/browser.ts';
import { FakeBilling } from './support/fake-billing.ts';

interface Product {
  readonly id: string;
  readonly name: string;
  readonly stock: number;
  readonly unitPrice: { readonly amount: number; readonly currency: string } | null;
}

const describeShop = chromiumInstalled ? describe : describe.skip;
const suiteName = chromiumInstalled ? 'the demo shop in Chromium' : `the demo shop in Chromium (skipped: ${chromiumPath} is missing)`;

describeShop(suiteName, () => {
  let billing: FakeBilling;
  let dataDir: string;
  let api: ApiProcess;
  let env: Record<string, string>;
  let browser: ShopBrowser;
  const screenshots: string[] = [];

  const base = () => api.baseUrl;

  async function products(query: string): Promise<Product[]> {
    const response = await fetch(`${base()}/v1/products?${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Product[] }).items;
  }

  /** Products to put in carts: active, priced and with plenty of stock; each test takes its own. */
  let stocked: Product[] = [];
  const pick = (index: number): Product => {
    const product = stocked[index];
    if (!product) throw new Error(`the catalog has fewer than ${index + 1} products in stock`);
    return product;
  };

  async function openShop(hash = '#/'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.bringToFront();
    await page.goto(`${base()}/${hash}`);
    await page.locator('main[aria-busy="false"]').waitFor();
    return page;
  }

  const badge = (page: Page) => page.locator('#cart-count');
  const line = (page: Page, productId: string) => page.locator(`li.line[data-product="${productId}"]`);

  async function waitForText(page: Page, selector: string, text: string, timeout = 5_000): Promise<void> {
    await page.waitForFunction(
      ([css, wanted]) => document.querySelector(css ?? '')?.textContent?.trim() === wanted,
      [selector, text] as const,
      // Not 'raf': a background tab draws no frames.
      { timeout, polling: 50 },
    );
  }

  beforeAll(async () => {
    billing = await FakeBilling.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'carteria-shop-e2e-'));
    env = { NODE_ENV: 'test', DATA_DIR: dataDir, BILLING_URL: billing.url, SHUTDOWN_DELAY_MS: '0' };
    api = await startApi(env);
    stocked = (await products('limit=100&sort=price')).filter((p) => p.unitPrice && p.stock >= 20).slice(-10);
  });

  // Each test has a new profile: an empty localStorage, so a cart of its own.
  beforeEach(async () => {
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await browser.close();
  });

  afterAll(async () => {
    const status = await api?.stop('SIGTERM');
    await billing?.close();
    await rm(dataDir, { recursive: true, force: true });
    process.stdout.write(`storefront-e2e: screenshots:\n  ${screenshots.join('\n  ')}\napi exit: ${JSON.stringify(status)}\n`);
  });

  it('browse, add two products, change a quantity, order: a success page and a fresh cart', async () => {
    const [first, second] = (await products('prefix=espresso&limit=20')).filter((p) => p.unitPrice && p.stock >= 5);
    if (!first || !second) throw new Error('the catalog has no two espresso products in stock');
    const page = await openShop();
    await page.getByRole('heading', { name: 'All products' }).waitFor();

    await page.getByLabel('Name starts with').fill('espresso');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Products starting with “espresso”' }).waitFor();
    await page.getByRole('button', { name: `Add ${first.name} to cart` }).click();
    await waitForText(page, '#cart-count', '1');
    screenshots.push(await screenshot(page, '1-catalog'));

    await page.getByRole('link', { name: second.name, exact: true }).click();
    await page.getByRole('heading', { name: second.name }).waitFor();
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await waitForText(page, '#cart-count', '3');
    screenshots.push(await screenshot(page, '2-product'));

    await page.getByRole('link', { name: /^Cart, 3 items$/ }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('button', { name: `One more ${first.name}` }).click();
    await waitForText(page, '#cart-count', '4');
    expect(await line(page, first.id).locator('.quantity').textContent()).toBe('2');
    const total = 2 * first.unitPrice!.amount + 2 * second.unitPrice!.amount;
    expect(await page.getByTestId('subtotal').textContent()).toBe(euros(total));
    screenshots.push(await screenshot(page, '3-cart'));

    await page.getByRole('button', { name: 'Order now' }).click();
    await page.getByRole('heading', { name: 'Thank you, your order is placed' }).waitFor();
    expect(await page.getByTestId('order-total').textContent()).toBe(euros(total));
    await waitForText(page, '#cart-count', '0');
    screenshots.push(await screenshot(page, '4-ordered'));
    await page.close();
  });

  it('keeps two tabs of the same cart in sync within a second', async () => {
    const product = pick(0);
    const tabA = await openShop(`#/product/${product.id}`);
    await tabA.getByRole('button', { name: 'Add to cart' }).click();
    await waitForText(tabA, '#cart-count', '1');
    const tabB = await openShop('#/cart');
    await line(tabB, product.id).waitFor();
    await tabA.goto(`${base()}/#/cart`);
    await line(tabA, product.id).waitFor();

    // Times taken in the pages (same machine clock): the click as tab A handles it, the redraw in tab B.
    await tabA.evaluate(() => {
      document.addEventListener('click', () => ((window as unknown as { clickedAt: number }).clickedAt = Date.now()), { capture: true });
    });
    await tabB.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: Record<string, number> }).seen = seen;
      new MutationObserver(() => {
        const shown = document.querySelector('li.line .quantity')?.textContent ?? '';
        seen[shown] ??= Date.now();
      }).observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true });
    });
    const timings: number[] = [];
    for (let quantity = 2; quantity <= 6; quantity++) {
      await tabA.getByRole('button', { name: `One more ${product.name}` }).click();
      await waitForText(tabB, `li.line[data-product="${product.id}"] .quantity`, String(quantity), 3_000);
      const clickedAt = await tabA.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
      const shownAt = await tabB.evaluate((q) => (window as unknown as { seen: Record<string, number> }).seen[q], String(quantity));
      timings.push(shownAt! - clickedAt);
      await waitForText(tabA, '#cart-count', String(quantity));
    }
    const sorted = [...timings].sort((a, b) => a - b);
    process.stdout.write(
      `storefront-e2e: click in tab A → updated in tab B: ${timings.join(', ')} ms (median ${sorted[2]} ms, max ${sorted[4]} ms)\n`,
    );
    expect(Math.max(...timings)).toBeLessThan(1_000);
    expect(await badge(tabB).textContent()).toBe('6');

    // The other way round, and a removal.
    await tabB.getByRole('button', { name: `Remove ${product.name}` }).click();
    await tabA.getByText('Your cart is empty.').waitFor({ timeout: 3_000 });
    screenshots.push(await screenshot(tabB, '5-synced-tab'));
    await tabA.close();
    await tabB.close();
  });

  it('says clearly when prices changed before the order, and orders at the new price', async () => {
    const product = pick(1);
    const page = await openShop(`#/product/${product.id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await waitForText(page, '#cart-count', '1');
    await page.getByRole('link', { name: /^Cart, / }).click();
    await line(page, product.id).waitFor();

    const oldPrice = product.unitPrice!.amount;
    billing.setPrice('EUR', product.id, oldPrice + 250);
    await page.getByRole('button', { name: 'Order now' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Prices changed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`${product.name}: was ${euros(oldPrice)}, now ${euros(oldPrice + 250)}`);
    await waitForText(page, '[data-testid="subtotal"]', euros(oldPrice + 250));
    screenshots.push(await screenshot(page, '6-prices-changed'));

    await page.getByRole('button', { name: 'Order now' }).click();
    await page.getByRole('heading', { name: 'Thank you, your order is placed' }).waitFor();
    expect(await page.getByTestId('order-total').textContent()).toBe(euros(oldPrice + 250));
    await page.close();
  });

  it('can be shopped with the keyboard alone, with a visible focus', async () => {
    const page = await openShop();
    const [product] = (await products('limit=12')).filter((p) => p.unitPrice && p.stock >= 5);
    if (!product) throw new Error('no product in stock on the first page');
    await tabTo(page, `Add ${product.name} to cart`);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await waitForText(page, '#cart-count', '1');
    await tabTo(page, 'Cart, 1 item', { backwards: true });
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await tabTo(page, `One more ${product.name}`);
    await page.keyboard.press('Enter');
    await waitForText(page, '#cart-count', '2');
    // The redrawn cart keeps the focus where it was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`One more ${product.name}`);
    await tabTo(page, 'Order now');
    expect(await focusIsVisible(page)).toBe(true);
    screenshots.push(await screenshot(page, '7-keyboard-focus'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thank you, your order is placed' }).waitFor();
    await page.close();
  });

  it('gives every control an accessible name, on every page', async () => {
    const product = pick(3);
    const page = await openShop(`#/product/${product.id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await waitForText(page, '#cart-count', '1');
    for (const hash of ['#/', '#/?sort=price', `#/product/${product.id}`, '#/cart']) {
      await page.goto(`${base()}/${hash}`);
      await page.locator('main[aria-busy="false"]').waitFor();
      await page.locator('#page-title').waitFor();
      const { count, unnamed } = await unnamedControls(page);
      expect(count).toBeGreaterThan(3);
      expect({ hash, unnamed }).toEqual({ hash, unnamed: [] });
    }
    await page.close();
  });

  it('reconnects the live cart after the api restarts, and open streams do not hold up its shutdown', async () => {
    const product = pick(2);
    const page = await openShop(`#/product/${product.id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await waitForText(page, '#cart-count', '1');
    await page.goto(`${base()}/#/cart`);
    await line(page, product.id).waitFor();
    const ref = JSON.parse((await page.evaluate(() => localStorage.getItem('carteria.cart'))) ?? '{}') as { id: string; token: string };

    const stopping = performance.now();
    const status = await api.stop('SIGTERM');
    const stopMs = Math.round(performance.now() - stopping);
    expect(status.code).toBe(0);
    expect(stopMs).toBeLessThan(5_000);
    const port = new URL(api.baseUrl).port;
    api = new ApiProcess({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: port });
    await api.waitUntilReady();

    const changed = await fetch(`${base()}/v1/carts/${ref.id}/items/${product.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Cart-Token': ref.token },
      body: JSON.stringify({ quantity: 5 }),
    });
    expect(changed.status).toBe(200);
    const started = performance.now();
    await waitForText(page, '#cart-count', '5', 30_000);
    process.stdout.write(
      `storefront-e2e: api stopped in ${stopMs} ms with a stream open; the page caught up ${Math.round(performance.now() - started)} ms after the change\n`,
    );
    await page.close();
  });
});

function euros(minorUnits: number): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(minorUnits / 100);
}

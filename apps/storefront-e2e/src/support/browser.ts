import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; the suite is skipped without it. */
export const chromiumPath = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(chromiumPath);

export const screenshotsDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface ShopBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a new, temporary profile (so localStorage starts empty), headless. */
export async function launchBrowser(): Promise<ShopBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'carteria-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotsDirectory, { recursive: true });
  const file = path.join(screenshotsDirectory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focused element has this accessible name
 * (aria-label or text); fails after `limit` presses.
 */
export async function tabTo(page: Page, name: string | RegExp, options: { backwards?: boolean; limit?: number } = {}): Promise<void> {
  const { backwards = false, limit = 100 } = options;
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement)) return '';
      return (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`no control named ${String(name)} within ${limit} Tab presses`);
}

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
export function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

interface AxNode {
  readonly ignored: boolean;
  readonly role?: { readonly value?: unknown };
  readonly name?: { readonly value?: unknown };
  readonly backendDOMNodeId?: number;
}

const controlRoles = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'spinbutton', 'checkbox', 'radio', 'menuitem', 'tab', 'slider']);

/** The controls on the page without an accessible name, as Chromium's accessibility tree computes it. */
export async function unnamedControls(page: Page): Promise<{ readonly count: number; readonly unnamed: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const controls = nodes.filter((node) => !node.ignored && controlRoles.has(String(node.role?.value ?? '')));
    const unnamed = controls
      .filter((node) => String(node.name?.value ?? '').trim() === '')
      .map((node) => `${String(node.role?.value)} (DOM node ${node.backendDOMNodeId ?? '?'})`);
    return { count: controls.length, unnamed };
  } finally {
    await cdp.detach();
  }
}

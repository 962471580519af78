/// <reference lib="dom" />
// Page functions run in the browser, so these files see DOM types.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-results', 'e2e');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Installs Debian's chromium when missing (scripts/ensure-chromium.sh), failing with a message that says how. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  try {
    execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}: run "bash scripts/ensure-chromium.sh" as root (apt-get install -y chromium), or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`scripts/ensure-chromium.sh ran but ${CHROMIUM} is still missing`);
}

/** Launches chromium with the flags that work here (STACK.md). */
export function launch(): Promise<Browser> {
  ensureChromium();
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Runs axe-core at WCAG 2.2 AA on the page; returns the violations (id, impact, targets). */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string | null | undefined; help: string; targets: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => String(n.target)),
    }));
  });
}

/**
 * Does `act` (a click or a key press that submits a form) and waits for the next page to load. Not
 * waitForURL: the form posts to its own address, so the URL matches before the next page has come.
 */
export async function submitted(page: Page, act: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await act();
  await loaded;
}

/** Presses Tab (keyboard only) until the focused element matches `selector`. */
export async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** At 375 px wide: whether the page scrolls sideways; saves a full-page screenshot. */
export async function narrowScreenshot(
  page: Page,
  name: string,
): Promise<{ scrollWidth: number; clientWidth: number }> {
  await page.setViewportSize({ width: 375, height: 812 });
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  await page.screenshot({ path: join(SHOTS, `375-${name}.png`), fullPage: true });
  return widths;
}

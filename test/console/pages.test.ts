/**
 * The staff console's pages are one shell (web/console/shell.html) rendered per page by
 * web/console/pages.ts; the deploy (lib/web-content.ts) and the local runtime (local/static.ts) serve them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticFile } from '../../local/static.js';
import { CONSOLE_PAGES, type ConsolePage, renderConsolePage } from '../../web/console/pages.js';

const CONSOLE = join(resolve(import.meta.dirname, '..', '..'), 'web', 'console');
const PAGES = Object.entries(CONSOLE_PAGES) as [ConsolePage, (typeof CONSOLE_PAGES)[ConsolePage]][];

describe('staff console pages (one shell)', () => {
  it.each(PAGES)('%s carries its title, its noscript heading and its module', (name, { title, module }) => {
    // Prepare: the page's values (CONSOLE_PAGES).
    // Act
    const html = renderConsolePage(name);

    // Assess
    expect(html).toContain(`<title>${title} - Haven staff console</title>`);
    expect(html).toContain(`<noscript><h1 class="govuk-heading-l">${title}</h1>`);
    expect(html).toContain(`<script type="module" src="js/${module}"></script>`);
    expect(existsSync(join(CONSOLE, 'js', module)), module).toBe(true);
    expect(html).not.toContain('{{');
  });

  it.each(PAGES)(
    '%s has the inactivity sign-out dialog and only two scripts, both files (the web CSP allows no inline script)',
    (name) => {
      // Prepare: the page (CONSOLE_PAGES).
      // Act
      const html = renderConsolePage(name);

      // Assess
      expect(html).toContain('<dialog class="haven-timeout" id="timeout-dialog"');
      expect(html).toContain('id="timeout-stay"');
      expect(html).toContain('id="timeout-sign-out"');
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
        '<script src="/assets/haven/js-enabled.js">',
        `<script type="module" src="js/${CONSOLE_PAGES[name].module}">`,
      ]);
      expect(html).not.toMatch(/\sstyle=|<style/);
    },
  );

  it('the shell is the only HTML in web/console: the pages are rendered, not committed', () => {
    // Prepare
    const dir = CONSOLE;

    // Act
    const html = readdirSync(dir).filter((f) => f.endsWith('.html'));

    // Assess
    expect(html).toEqual(['shell.html']);
  });

  it('the local runtime serves each page as rendered, /console/ as the caseload page, and not an unknown page', async () => {
    // Prepare
    const paths = ['/console/', ...PAGES.map(([name]) => `/console/${name}`), '/console/shell-of-nothing.html'];

    // Act
    const served = await Promise.all(paths.map((p) => staticFile(p)));

    // Assess
    const bodies = served.map((f) => (f === 'malformed' ? f : f?.body.toString('utf8')));
    expect(bodies).toEqual([
      renderConsolePage('index.html'),
      ...PAGES.map(([name]) => renderConsolePage(name)),
      undefined,
    ]);
    for (const f of served.slice(0, -1)) expect(f === 'malformed' ? f : f?.type).toBe('text/html; charset=utf-8');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/core/roles.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch, narrowScreenshot, SHOTS } from './browser.js';

const ASSOCIATION = 'connect-housing';

describe('staff console: the case page keeps the reader’s place and says its problems in words (issue 13)', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let reference = '';

  const signedIn = async (role: Role): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.install({ time: rt.startedAt });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // A refusal the test asks for (an empty DASH, closing too early) is not an error.
      if (m.type() === 'error' && page.url().includes('/console/') && !/status of 4(00|09|22)/.test(m.text()))
        pageErrors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(rt.signInLink(ASSOCIATION, role));
    return page;
  };
  const openCase = async (page: Page) => {
    await page.goto(`${rt.url}/console/index.html`);
    await page.locator('#caseload tr', { hasText: reference }).locator('a').click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(reference);
  };
  /** axe at WCAG 2.2 AA at 1280 px and at 375 px (where nothing may scroll sideways). */
  const accessibleAtBothWidths = async (page: Page, name: string) => {
    expect(await axeViolations(page), `axe on ${name} at 1280 px`).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await axeViolations(page), `axe on ${name} at 375 px`).toEqual([]);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(widths.client);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const flashText = (page: Page) =>
    page
      .locator('#flash .govuk-notification-banner__heading')
      .innerText()
      .catch(() => '');

  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-console-casepage-');
    rt = await startConsoleRuntime(dataDir);
    const res = await fetch(`${rt.url}/${ASSOCIATION}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        associationId: ASSOCIATION,
        reporterKind: 'victim',
        immediateDanger: false,
        livesInAssociationHome: 'yes',
        area: 'kirklees',
        narrative: 'He took my keys again.',
        safeContact: { method: 'phone', phone: '07700 900 456', voicemailSafe: false, letterSafe: false },
      }),
    });
    expect(res.status).toBe(202);
    reference = ((await res.json()) as { reference: string }).reference;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('the page is in five parts with a contents list, and says no clock Connect does not have', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const page = await signedIn('officer');

    // Act
    await openCase(page);

    // Assess
    const parts = await page.locator('section.haven-case-part > h2').allInnerTexts();
    expect(parts).toEqual(['Summary and safety', 'Contact', 'Actions and referrals', 'Risk', 'Timeline']);
    const contents = await page
      .locator('nav[aria-labelledby="contents-heading"] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of contents) expect(await page.locator(href ?? '#none').count(), `${href} is on the page`).toBe(1);
    const words = await page.locator('main').innerText();
    expect(words).not.toMatch(/fortnight|21.day|holding/i);
    expect(await page.locator('#marac-route').count()).toBe(0); // no MARAC referral is required yet
    await accessibleAtBothWidths(page, 'case page in parts');
  });

  it('an empty DASH gives one summary in words whose link moves to the first question', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const page = await signedIn('officer');
    await openCase(page);

    // Act
    await page.locator('#dash-form button[type=submit]').click();
    const summary = page.locator('#dash-form .govuk-error-summary');
    await summary.waitFor();

    // Assess: one item, in words, focused, linked to the first question's radios
    const items = await summary.locator('li').allInnerTexts();
    expect(items).toEqual([
      'Answer every question, or choose "Not known" where you do not know: no questions are answered yet',
    ]);
    expect(await summary.innerText()).not.toMatch(/answers\.|q01|is required/i);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    expect(await page.locator('#dash-form .govuk-form-group--error').count()).toBe(
      await page.locator('#dash-form .haven-dash-question').count(),
    );
    await accessibleAtBothWidths(page, 'case (empty DASH refused)');
    await summary.locator('a').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dash-q01');
    const inView = await page.evaluate(() => {
      const r = document.getElementById('dash-q01')?.getBoundingClientRect();
      return r ? r.top >= 0 && r.bottom <= window.innerHeight : false;
    });
    expect(inView).toBe(true);
  });

  it('after a save the page stays where the officer was, with the banner by the form; a failing save clears the banner', {
    timeout: 120_000,
  }, async () => {
    // Prepare: the facts form, far down the page
    const page = await signedIn('officer');
    await openCase(page);
    await page.locator('#facts-form').scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(1000);

    // Act: a save that succeeds
    await page.locator('#fact-riskToStaff').check();
    await page.locator('#facts-form button[type=submit]').click();
    await expect
      .poll(() => flashText(page), { timeout: 15_000 })
      .toBe('Facts updated. The required actions now follow them.');

    // Assess: still by the form (not back at the top), the banner focused and in view, just above the form
    const after = await page.evaluate(() => {
      const flash = document.getElementById('flash');
      const r = flash?.getBoundingClientRect();
      return {
        y: window.scrollY,
        focused: document.activeElement?.id,
        inView: r ? r.top >= -1 && r.bottom <= window.innerHeight + 1 : false,
        next: flash?.nextElementSibling?.id,
      };
    });
    expect(after.y).toBeGreaterThan(1000);
    expect(Math.abs(after.y - before)).toBeLessThan(900);
    expect(after).toMatchObject({ focused: 'flash', inView: true, next: 'facts-form' });
    await accessibleAtBothWidths(page, 'case (facts saved)');

    // Act: a save that fails (closing before the required actions are done)
    await page.locator('#close-outcome').check();
    await page.locator('#close-discussed').check();
    await page.locator('#close-button').click();
    const refusal = page.locator('#close-form .govuk-error-summary');
    await refusal.waitFor();

    // Assess: the refusal in words, and no success banner beside it
    expect(await page.locator('#flash').count()).toBe(0);
    expect(await refusal.innerText()).toMatch(/The case cannot be closed yet[\s\S]*is still open/);
    expect(await refusal.innerText()).not.toMatch(/\b[a-z]+(?:-[a-z]+){1,}\b/); // no raw ids such as safeguarding-log
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await accessibleAtBothWidths(page, 'case (closing refused)');
  });

  it('a scored DASH folds its 24 questions away, with the banner in view by the fold and the place kept', {
    timeout: 120_000,
  }, async () => {
    // Prepare: every question answered "No"
    const page = await signedIn('officer');
    await openCase(page);
    const data = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'web', 'console', 'data', `${ASSOCIATION}.json`), 'utf8'),
    ) as { dash: { questions: { id: string }[] } };
    for (const q of data.dash.questions) await page.locator(`#dash-${q.id}-no`).check();
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);

    // Act
    await page.locator('#dash-form button[type=submit]').click();
    await expect.poll(() => flashText(page), { timeout: 15_000 }).toBe('DASH scored: 0, Standard risk.');

    // Assess
    const after = await page.evaluate(() => {
      const r = document.getElementById('flash')?.getBoundingClientRect();
      return {
        y: window.scrollY,
        height: document.documentElement.scrollHeight,
        inView: r ? r.top >= -1 && r.bottom <= window.innerHeight + 1 : false,
        folded: !(document.getElementById('dash-again') as HTMLDetailsElement | null)?.open,
      };
    });
    expect(after, JSON.stringify(after)).toMatchObject({ inView: true, folded: true });
    expect(after.y).toBeGreaterThan(1000);
    expect(after.height).toBeLessThan(tall - 2000);
    await accessibleAtBothWidths(page, 'case (DASH scored)');
    await page.screenshot({ path: join(SHOTS, '1280-case-in-parts.png'), fullPage: true });
    const narrow = await narrowScreenshot(page, 'case-in-parts');
    expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.clientWidth);
  });

  it("a refused override names its fields in the form's words, each linked, and no raw id anywhere in the actions", {
    timeout: 120_000,
  }, async () => {
    // Prepare: Kirklees names every case to NKWR, which needs consent unless overridden
    const page = await signedIn('officer');
    await openCase(page);
    const names = page.locator('#actions tr[data-duty="refuge-names-check"]');
    expect(await names.innerText()).toContain(
      "Needs the victim's consent, or an override on one of: “an overriding safeguarding concern”, “the MARAC threshold is met”",
    );

    // Act: an override with neither basis nor reason
    await page.selectOption('#consent-duty', 'refuge-names-check');
    await page.locator('#consent-decision-overridden').check();
    await page.locator('#consent-form button[type=submit]').click();
    const summary = page.locator('#consent-form .govuk-error-summary');
    await summary.waitFor();

    // Assess
    const links = await summary
      .locator('a')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Select basis for the override', '#consent-basis'],
      ['Reason is required: say why consent is being overridden', '#consent-reason'],
    ]);
    expect(await page.locator('#actions').innerText()).not.toMatch(/safeguarding-concern|marac-threshold/);
    await summary.locator('a', { hasText: 'Reason' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent-reason');
    expect(await page.locator('#consent-reason-error').innerText()).toContain('Reason is required');
    await accessibleAtBothWidths(page, 'case (override refused)');
  });

  it('no case page threw or logged an error', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});

/// <reference lib="dom" />
// Page functions run in the browser, so these files see DOM types.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';
import { axeViolations, launch, narrowScreenshot, submitted, tabTo } from './browser.js';

const CANARY = 'CANARY-e2e-5b1d';

describe('public report form in Chromium (002 §6, 003, 004 §7.3, §7.4.3)', () => {
  const haven = havenForSuite();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => {
    // bypassCSP only so axe-core can be injected; the pages' own CSP stays in their headers.
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, bypassCSP: true, ...options });
    contexts.push(context);
    return context.newPage();
  };
  const form = (path = '') => `${haven.url}/wrekin/report${path}`;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  it('keyboard only: "in danger now" shows 999 and the Silent Solution at once, then the report is sent and the reference shown', async () => {
    const page = await newPage();
    await page.goto(form());
    const advice = page.locator('#conditional-immediateDanger');
    await expect(advice.isVisible()).resolves.toBe(false);
    await tabTo(page, '#immediateDanger');
    await page.keyboard.press('Space');
    await expect(advice.isVisible(), 'advice appears as soon as Yes is chosen').resolves.toBe(true);
    expect(await advice.innerText()).toMatch(/999[\s\S]*press 55/);
    await tabTo(page, 'button[type=submit]');
    await submitted(page, () => page.keyboard.press('Enter'));
    // The next page leads with the advice too (server-side).
    expect(await page.locator('[data-danger-advice]').first().innerText()).toContain('press 55');

    await tabTo(page, '#reporterKind');
    await page.keyboard.press('Space');
    await tabTo(page, '#livesInAssociationHome');
    await page.keyboard.press('Space');
    await tabTo(page, '#narrative');
    await page.keyboard.type(`${CANARY} he threw a chair`);
    await tabTo(page, '#contactMethod');
    await page.keyboard.press('Space');
    await tabTo(page, '#contactPhone');
    await page.keyboard.type('07700 900 982');
    await tabTo(page, '#codeWord');
    await page.keyboard.type('bluebell');
    await tabTo(page, '#abuseTypes');
    await page.keyboard.press('Space');
    await tabTo(page, '#household');
    await page.keyboard.press('Space');
    await tabTo(page, '#interpreter');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(/page=sent&ref=HV-/), page.keyboard.press('Enter')]);

    const reference = new URL(page.url()).searchParams.get('ref') as string;
    expect(await page.locator('.govuk-panel__body').innerText()).toContain(reference);
    const text = await page.locator('body').innerText();
    expect(text).toContain('What happens next');
    for (const typed of [CANARY, '07700 900 982', 'bluebell']) expect(text).not.toContain(typed);
    // Nothing kept on the device: no cookie, no storage.
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });

  it('003 on a 375 px phone: required questions first, the type of abuse asked and stored, and the confirmation says by when and whom to call', async () => {
    // Prepare
    const page = await newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(form());
    await page.locator('#immediateDanger-2').check();
    await submitted(page, () => page.locator('button[type=submit]').click());

    // Assess: the intro says which questions are required, and they come first, in that order
    expect(await page.locator('main').innerText()).toContain('You need to answer the first 4 questions');
    const top = async (selector: string) => (await page.locator(selector).boundingBox())?.y ?? Number.NaN;
    const order = ['#reporterKind', '#livesInAssociationHome', '#narrative', '#contactMethod', '#personName'];
    const ys = await Promise.all(order.map(top));
    expect(ys, order.join(' < ')).toEqual([...ys].sort((a, b) => a - b));
    expect(await page.locator('#livesInAssociationHome').locator('xpath=ancestor::fieldset').innerText()).toContain(
      'a home managed by The Wrekin Housing Group?',
    );

    // Act: the required answers, two types of abuse, then send
    await page.locator('#reporterKind').check();
    await page.locator('#livesInAssociationHome').check();
    await page.locator('#narrative').fill(CANARY);
    await page.locator('#contactMethod-2').check();
    await page.locator('#contactTextPhone').fill('07700 900 123');
    await page.locator('#abuseTypes-2').check(); // physical
    await page.locator('#abuseTypes-4').check(); // financial
    await Promise.all([page.waitForURL(/page=sent&ref=HV-/), page.locator('button[type=submit]').click()]);

    // Assess: how soon, Wrekin's 1 working day in words (never a time read back from the case); whom to call; 999 to tap
    const url = new URL(page.url());
    expect([...url.searchParams.keys()]).toEqual(['page', 'ref']);
    const reference = url.searchParams.get('ref') as string;
    const text = await page.locator('main').innerText();
    expect(text).toContain('within 1 working day of your report');
    expect(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href')).toBe('tel:999');
    for (const phone of ['01952 217100', '0808 2000 247', '0808 801 0327', '0800 999 5428'])
      expect(await page.getByRole('link', { name: phone }).getAttribute('href')).toBe(`tel:${phone.replace(/ /g, '')}`);
    expect(text).toContain('18000');
    expect(text).toContain('999 BSL');
    for (const typed of [CANARY, '07700 900 123']) expect(text).not.toContain(typed);

    // Assess: a manager's caseload shows the types of abuse on the case
    const staff = await browser.newContext();
    contexts.push(staff);
    await (await staff.newPage()).goto(haven.signInLink('wrekin', 'manager'));
    const res = await staff.request.get(`${haven.url}/wrekin/api/cases?limit=200`);
    const { items } = (await res.json()) as { items: { reference: string; abuseTypes: string[] }[] };
    expect(items.find((i) => i.reference === reference)?.abuseTypes).toEqual(['physical', 'financial']);
  });

  it('errors use the GOV.UK error summary: focused, naming each question, never repeating what was typed', async () => {
    const page = await newPage();
    await page.goto(form());
    await page.locator('#immediateDanger-2').check();
    await submitted(page, () => page.locator('button[type=submit]').click());
    await page.locator('#codeWord').fill(`${CANARY}-${'x'.repeat(70)}`);
    await page.locator('button[type=submit]').click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Select who is making this report');
    expect(summary).toContain('Enter what happened');
    expect(summary).toContain('Code word must be 60 characters or fewer');
    expect(summary).not.toContain(CANARY);
    expect(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);
    await page.locator('.govuk-error-summary a[href="#narrative"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('narrative');
  });

  it('without JavaScript: Yes leads to a page with the 999 advice first, and the plain form post sends the report', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(form());
    await page.locator('#immediateDanger').check();
    await submitted(page, () => page.locator('button[type=submit]').click());
    const firstHeading = await page.locator('main h2, main h1').first().innerText();
    expect(firstHeading).toContain('If you are in danger now, call 999');
    await page.locator('#reporterKind-5').check();
    await page.locator('#livesInAssociationHome-3').check();
    await page.locator('#narrative').fill(CANARY);
    await page.locator('#contactMethod-5').check();
    await Promise.all([page.waitForURL(/page=sent&ref=HV-/), page.locator('button[type=submit]').click()]);
    expect(await page.locator('.govuk-panel__title').innerText()).toContain('Report sent');
  });

  it('Shift pressed three times leaves for a neutral page and replaces the history entry', async () => {
    const page = await newPage();
    await page.goto(form('?page=cover-your-tracks'));
    await page.goto(form());
    const before = await page.evaluate(() => history.length);
    await page.locator('h1').click(); // focus in the page, as a person reading it
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(`${haven.url}/weather`);
    expect(await page.evaluate(() => history.length), 'replaced, not pushed').toBe(before);
    await page.goBack();
    expect(page.url(), 'Back skips the form').toBe(form('?page=cover-your-tracks'));
  });

  it('the Exit this page button also replaces the history entry', async () => {
    const page = await newPage();
    await page.goto(form('?page=cover-your-tracks'));
    await page.goto(form());
    await Promise.all([page.waitForURL(`${haven.url}/weather`), page.locator('.govuk-exit-this-page__button').click()]);
    await page.goBack();
    expect(page.url()).toBe(form('?page=cover-your-tracks'));
  });

  it('every page passes axe-core at WCAG 2.2 AA and fits a 375 px screen without sideways scrolling', async () => {
    const page = await newPage();
    const pages: [string, () => Promise<unknown>][] = [
      ['start', () => page.goto(form())],
      ['start-danger-advice', () => page.locator('#immediateDanger').check()],
      [
        'start-error',
        async () => {
          await page.goto(form());
          await page.locator('button[type=submit]').click();
          await page.waitForSelector('.govuk-error-summary');
        },
      ],
      [
        'details-in-danger',
        async () => {
          await page.goto(form());
          await page.locator('#immediateDanger').check();
          await submitted(page, () => page.locator('button[type=submit]').click());
        },
      ],
      [
        'details-errors',
        async () => {
          await page.locator('#contactMethod').check();
          await page
            .locator('#personAddress')
            .fill(`Flat 1, ${'Averyveryverylongstreetnamewithoutanyspaces'.repeat(2)} Road`);
          await page.locator('button[type=submit]').click();
          await page.waitForSelector('.govuk-error-summary');
        },
      ],
      [
        'sent',
        async () => {
          await page.locator('#reporterKind').check();
          await page.locator('#livesInAssociationHome').check();
          await page.locator('#narrative').fill(CANARY);
          await page.locator('#contactMethod-5').check();
          await Promise.all([page.waitForURL(/page=sent/), page.locator('button[type=submit]').click()]);
        },
      ],
      ['cover-your-tracks', () => page.goto(form('?page=cover-your-tracks'))],
      ['weather', () => page.goto(`${haven.url}/weather`)],
    ];
    const problems: Record<string, unknown> = {};
    for (const [name, open] of pages) {
      await page.setViewportSize({ width: 1024, height: 900 });
      await open();
      const violations = await axeViolations(page);
      if (violations.length) problems[`${name}: axe`] = violations;
      const { scrollWidth, clientWidth } = await narrowScreenshot(page, name);
      if (scrollWidth > clientWidth) problems[`${name}: 375px`] = { scrollWidth, clientWidth };
    }
    expect(problems).toEqual({});
  });
});

/// <reference lib="dom" />
// Page functions run in the browser, so these files see DOM types.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';
import { axeViolations, launch, narrowScreenshot, submitted, tabTo } from './browser.js';

const CANARY = 'CANARY-e2e-5b1d';
/** A page that is not Haven's, opened before it: after Exit, Back must land here. */
const BEFORE = 'data:text/html,<title>Recipes</title><h1>Recipes</h1>';

describe('public report form in Chromium (002 §6, 003, 004 §7.3, §7.4.3): steps, one history entry', () => {
  const haven = havenForSuite();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A fresh browser profile; `bypassCSP` only where axe-core is injected (the pages' CSP stays in their headers). */
  const newPage = async (options: { javaScriptEnabled?: boolean; axe?: boolean; phone?: boolean } = {}) => {
    const context = await browser.newContext({
      viewport: options.phone ? { width: 375, height: 812 } : { width: 1024, height: 900 },
      bypassCSP: options.axe ?? false,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) urls.push(frame.url());
    });
    return { page, urls };
  };
  const form = (path = '') => `${haven.url}/wrekin/report${path}`;

  /** Presses a button that posts the step and waits for `step`'s page (with JS the page is swapped in, not loaded). */
  const go = async (page: Page, step: string, press: () => Promise<unknown>) => {
    await press();
    await page.waitForSelector(`form input[name="step"][value="${step}"]`, { state: 'attached' });
  };
  const cont = (page: Page, step: string) => go(page, step, () => page.locator('main button.govuk-button').click());
  const send = async (page: Page) => {
    await page.locator('main button.govuk-button').click();
    await page.waitForSelector('.govuk-panel__title');
  };

  /** Everything the browser keeps of a visit: cookies, storage, its history length and the entry's address. */
  const kept = (page: Page) =>
    page.evaluate(() => ({
      storage: localStorage.length + sessionStorage.length,
      history: history.length,
      address: location.href,
    }));

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });

  it('a victim reports on a 375 px phone: one history entry at a neutral address, every step passing axe, the safe way echoed, a time to expect contact', async () => {
    // Prepare
    const { page, urls } = await newPage({ phone: true, axe: true });
    await page.goto(BEFORE);
    await page.goto(form());
    const start = await kept(page);
    const problems: Record<string, unknown> = {};
    const check = async (name: string) => {
      const violations = await axeViolations(page);
      if (violations.length) problems[`${name}: axe`] = violations;
      const { scrollWidth, clientWidth } = await narrowScreenshot(page, `victim-${name}`);
      if (scrollWidth > clientWidth) problems[`${name}: 375px`] = { scrollWidth, clientWidth };
      expect(await page.title(), name).toBe('The Wrekin Housing Group - Contact us');
    };

    // Act: every step, checked as it comes
    await check('before-you-start');
    await cont(page, 'danger');
    await check('danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');
    await check('about');
    await page.locator('#about').check();
    await cont(page, 'home');
    await check('home');
    await page.locator('#livesInAssociationHome').check();
    await cont(page, 'narrative');
    await check('narrative');
    await page.locator('#narrative').fill(`${CANARY} he took my bank card`);
    await cont(page, 'contact');
    await check('contact');
    await page.locator('#contactMethod-2').check();
    await page.locator('#contactTextPhone').fill('07700 900123');
    await cont(page, 'safety');
    await check('safety');
    await page.locator('#safeTimes').check();
    await page.locator('#codeWord').fill('bluebell');
    await cont(page, 'abuse');
    await check('abuse');
    await page.locator('#abuseTypes-4').check(); // financial
    await cont(page, 'person');
    await check('person');
    await cont(page, 'household');
    await check('household');
    await cont(page, 'check');
    await check('check');
    const echoed = await page.locator('.govuk-summary-list').innerText();
    // Change the number from the check page: the contact step, its safety, then back to the check
    await go(page, 'contact', () => page.getByRole('button', { name: 'Change how we will contact you' }).click());
    await page.locator('#contactTextPhone').fill('07700 900124');
    await cont(page, 'safety');
    await cont(page, 'check');
    const changed = await page.locator('.govuk-summary-list').innerText();
    await send(page);
    await check('sent');

    // Assess: the safe way in words, before and after the change
    expect(echoed).toContain('We will text 07700 900123 on weekday mornings (9am to midday).');
    expect(changed).toContain('We will text 07700 900124 on weekday mornings (9am to midday).');
    // Assess: when, and whom to call; nothing typed on the confirmation
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/in the way you said is safe by \d{1,2}(:\d\d)?(am|pm)|by midday|by midnight/);
    expect(text).toMatch(/on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ 20\d\d/);
    expect(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href')).toBe('tel:999');
    for (const phone of ['01952 217100', '0808 2000 247', '0808 801 0327', '0800 999 5428'])
      expect(await page.getByRole('link', { name: phone }).getAttribute('href')).toBe(`tel:${phone.replace(/ /g, '')}`);
    for (const typed of [CANARY, '07700 900124', 'bluebell']) expect(text).not.toContain(typed);
    const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
    expect(reference).toMatch(/^WHG-/);
    // Assess: one history entry, at the neutral address, never holding the reference or an answer; nothing stored
    const end = await kept(page);
    expect(end).toEqual({ storage: 0, history: start.history, address: form() });
    expect(await page.context().cookies()).toEqual([]);
    expect(urls.filter((u) => u.startsWith(haven.url))).not.toHaveLength(0);
    for (const u of urls)
      for (const secret of [reference, CANARY, '07700', 'bluebell', '?', 'step']) expect(u).not.toContain(secret);
    expect(problems).toEqual({});

    // Assess: the officer's caseload has the type of abuse on the case
    const staff = await browser.newContext();
    contexts.push(staff);
    await (await staff.newPage()).goto(haven.signInLink('wrekin', 'manager'));
    const res = await staff.request.get(`${haven.url}/wrekin/api/cases?limit=200`);
    const { items } = (await res.json()) as { items: { reference: string; abuseTypes: string[] }[] };
    expect(items.find((i) => i.reference === reference)?.abuseTypes).toEqual(['financial']);
  });

  it('a neighbour reports on a 375 px phone, in danger now: 999 advice first on every step, who they are, their own "do not contact me"', async () => {
    // Prepare
    const { page } = await newPage({ phone: true, axe: true });
    await page.goto(form());
    await cont(page, 'danger');

    // Act
    await tabTo(page, '#immediateDanger');
    await page.keyboard.press('Space');
    const advice = await page.locator('#conditional-immediateDanger').innerText();
    await cont(page, 'about');
    const firstOnNext = await page.locator('main h2, main h1').first().innerText();
    await page.locator('#about-2').check();
    await cont(page, 'relation');
    await page.locator('#reporterKind').check();
    await cont(page, 'home');
    await page.locator('#livesInAssociationHome').check();
    await cont(page, 'narrative');
    await page.locator('#narrative').fill(`${CANARY} shouting next door every night`);
    await cont(page, 'contact');
    const contactQuestion = await page.locator('h1').innerText();
    await page.locator('#contactMethod').check();
    await page.locator('#contactPhone').fill('07700 900555');
    await cont(page, 'safety');
    await cont(page, 'reporter-contact');
    await page.locator('#reporterContact-3').check();
    const reporterViolations = await axeViolations(page);
    await cont(page, 'abuse');
    await cont(page, 'person');
    await cont(page, 'household');
    await cont(page, 'check');
    const summary = await page.locator('.govuk-summary-list').innerText();
    await send(page);

    // Assess
    expect(advice).toMatch(/999[\s\S]*press 55/);
    expect(firstOnNext).toContain('If you are in danger now, call 999');
    expect(contactQuestion).toBe('Is there a safe way to contact them?');
    expect(summary).toContain('We will call them on 07700 900555 at any time.');
    expect(summary).toContain('We will not contact you.');
    expect(reporterViolations).toEqual([]);
    const text = await page.locator('main').innerText();
    expect(text).toContain('You asked us not to contact you, so we will not.');
    expect(text).toMatch(/will contact them in the way you said is safe by /);
    expect(text).not.toContain('07700 900555');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('after Exit this page, Back never reaches Haven: the page before it comes back, and no entry held a reference or an answer', async () => {
    // Prepare: a page that is not Haven's, then the whole journey to the confirmation (no CSP bypass: fetch is allowed by the page's own CSP)
    const { page, urls } = await newPage();
    await page.goto(BEFORE);
    const before = await page.evaluate(() => history.length);
    await page.goto(form());
    await cont(page, 'danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');
    await page.locator('#about').check();
    await cont(page, 'home');
    await page.locator('#livesInAssociationHome-3').check();
    await cont(page, 'narrative');
    await page.locator('#narrative').fill(CANARY);
    await cont(page, 'contact');
    await page.locator('#contactMethod-5').check(); // do not contact me
    await cont(page, 'abuse');
    await go(page, 'contact', () => page.locator('.govuk-back-link').click()); // Back posts, and adds no entry
    await cont(page, 'abuse');
    await cont(page, 'person');
    await cont(page, 'household');
    await cont(page, 'check');
    await send(page);
    const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();

    // Act
    await Promise.all([page.waitForURL(`${haven.url}/weather`), page.locator('.govuk-exit-this-page__button').click()]);
    const afterExit = await page.evaluate(() => history.length);
    await page.goBack();

    // Assess
    expect(afterExit, 'the page before Haven, then the weather page: nothing of Haven between').toBe(before + 1);
    expect(page.url()).toBe(BEFORE);
    expect(urls.length).toBeGreaterThan(2);
    for (const u of urls) for (const secret of [reference, CANARY, '?']) expect(u).not.toContain(secret);
    expect(await page.context().cookies()).toEqual([]);
  });

  it('Shift pressed three times, mid-journey, leaves for the neutral page and Back returns to the page before Haven', async () => {
    // Prepare
    const { page } = await newPage();
    await page.goto(BEFORE);
    await page.goto(form());
    await cont(page, 'danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');

    // Act
    await page.locator('h1').click(); // focus in the page, as a person reading it
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(`${haven.url}/weather`);
    await page.goBack();

    // Assess
    expect(page.url()).toBe(BEFORE);
  });

  it('links inside the journey replace the entry: "Cover your tracks" and back add nothing, and its address is made neutral', async () => {
    // Prepare
    const { page } = await newPage();
    await page.goto(BEFORE);
    await page.goto(form());
    const before = await page.evaluate(() => history.length);
    const said = await page.locator('main .haven-js-only').first().isVisible();
    const notSaid = await page.locator('main .haven-no-js').first().isVisible();

    // Act
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'How to cover your tracks online' }).click(),
    ]);
    await page.waitForFunction(() => location.search === '');
    const cover = await page.locator('main').innerText();
    const after = await kept(page);

    // Assess: "Before you start" says what is true with JavaScript, and not the no-JavaScript warning
    expect(said).toBe(true);
    expect(notSaid).toBe(false);
    expect(after.history).toBe(before);
    expect(after.address).toBe(form());
    for (const words of [
      'Chrome on an Android phone',
      'Safari on an iPhone',
      'History on your other devices',
      'call log',
      'What our messages will look like',
      'stalkerware',
    ])
      expect(cover).toContain(words);
  });

  it('errors use the GOV.UK error summary: focused, naming the question, never repeating what was typed, and its link adds no history entry', async () => {
    // Prepare
    const { page } = await newPage();
    await page.clock.install();
    await page.goto(form());
    await cont(page, 'danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');
    await page.locator('#about').check();
    await cont(page, 'home');
    await page.locator('#livesInAssociationHome').check();
    await cont(page, 'narrative');
    await page.locator('#narrative').fill(CANARY);
    await cont(page, 'contact');
    await page.locator('#contactMethod-3').check();
    await page.locator('#contactEmail').fill(`${CANARY}-not-an-email`);
    const before = await page.evaluate(() => history.length);

    // Act
    await page.locator('main button.govuk-button').click();
    await page.waitForSelector('.govuk-error-summary');
    await page.waitForFunction(() => document.activeElement?.closest('.govuk-error-summary') !== null);
    const summary = await page.locator('.govuk-error-summary').innerText();
    await page.locator('.govuk-error-summary a[href="#contactEmail"]').click();

    // Assess
    expect(await page.title()).toBe('Error: The Wrekin Housing Group - Contact us');
    expect(summary).toContain('Enter an email address in the correct format');
    expect(summary).not.toContain(CANARY);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contactEmail');
    expect(await kept(page)).toMatchObject({ history: before, address: form() });
  });

  it('without JavaScript: Exit is a plain link, "Before you start" says Back will still show the pages, and the plain posts send the report', async () => {
    // Prepare
    // axe-core needs JavaScript: these pages' markup is the same as the ones checked above.
    const { page } = await newPage({ javaScriptEnabled: false });
    await page.goto(form());
    const noJs = await page.locator('.haven-no-js').first().isVisible();
    const jsOnly = await page.locator('.haven-js-only').first().isVisible();
    const exitHref = await page.locator('.govuk-exit-this-page__button').getAttribute('href');
    const step = (name: string) =>
      submitted(page, () => page.locator('main button.govuk-button').click()).then(() =>
        page.waitForSelector(`form input[name="step"][value="${name}"]`, { state: 'attached' }),
      );

    // Act
    await step('danger');
    await page.locator('#immediateDanger').check();
    await step('about');
    const firstHeading = await page.locator('main h2, main h1').first().innerText();
    await page.locator('#about-2').check();
    await step('relation');
    await page.locator('#reporterKind-4').check(); // rather not say
    await step('home');
    await page.locator('#livesInAssociationHome-3').check();
    await step('narrative');
    await page.locator('#narrative').fill(CANARY);
    await step('contact');
    await page.locator('#contactMethod-6').check(); // I do not know
    await step('reporter-contact');
    await step('abuse');
    await submitted(page, () => page.locator('.govuk-back-link').click()); // Back, without JS, is a post too
    await step('abuse');
    await step('person');
    await step('household');
    await step('check');
    await submitted(page, () => page.locator('main button.govuk-button').click());

    // Assess
    expect(noJs).toBe(true);
    expect(jsOnly).toBe(false);
    expect(await page.locator('body').innerText()).not.toContain(CANARY);
    expect(exitHref).toBe('/weather');
    expect(firstHeading).toContain('If you are in danger now, call 999');
    expect(await page.locator('.govuk-panel__title').innerText()).toContain('Report sent');
    expect(page.url(), 'the confirmation is the answer to a post: its address is the form’s').toBe(form());
    expect(await page.locator('main').innerText()).toContain('We will not contact them until we know a safe way');

    // Act and Assess: Exit still works, as a plain link; Back then returns to Haven's last entry, as the page
    // said it would (a post, so Chromium asks to resubmit it rather than show it: ERR_CACHE_MISS).
    const beforeExit = await page.evaluate(() => history.length);
    expect(beforeExit, 'every post is an entry without JS').toBeGreaterThan(10);
    await submitted(page, () => page.locator('.govuk-exit-this-page__button').click());
    expect(page.url()).toBe(`${haven.url}/weather`);
    expect(await page.evaluate(() => history.length), 'pushed, not replaced').toBe(beforeExit + 1);
    await expect(page.goBack()).rejects.toThrow(/ERR_CACHE_MISS/);
  });

  /** Routes the form's next request (a post: the pages are already loaded) through `answer`, once. */
  const nextPost = (page: Page, answer: (route: Route) => Promise<void>) => page.route(form(), answer, { times: 1 });
  /**
   * The error summary haven.mjs shows in place when no page of the form came back: its words, focused or
   * not. The page's clock (installed) then moves past GOV.UK's double-click guard (1 s), as a person
   * reading the message would, so the button takes the next click.
   */
  const problemShown = async (page: Page) => {
    await page.waitForSelector('[data-haven-problem]');
    await page.clock.runFor(1000);
    return page.evaluate(() => ({
      text: (document.querySelector('[data-haven-problem]') as HTMLElement).innerText,
      focused: document.activeElement?.hasAttribute('data-haven-problem') ?? false,
    }));
  };

  it("a step answered by API Gateway's 503 JSON, or by no connection, stays in place with its answer, Exit and a focused error summary", async () => {
    // Prepare
    const { page } = await newPage({ axe: true });
    await page.clock.install();
    await page.goto(form());
    await cont(page, 'danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');
    await page.locator('#about').check();
    const before = await kept(page);

    // Act: a 503 from the gateway, then no connection at all, then the service back
    await nextPost(page, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"Service Unavailable"}' }),
    );
    await page.locator('main button.govuk-button').click();
    const unavailable = await problemShown(page);
    const violations = await axeViolations(page);
    const title = await page.title();
    const stayed = {
      step: await page.locator('form input[name="step"]').getAttribute('value'),
      answer: await page.locator('#about').isChecked(),
      exit: await page.locator('.govuk-exit-this-page__button').isVisible(),
      body: await page.locator('body').innerText(),
    };
    await nextPost(page, (route) => route.abort('internetdisconnected'));
    await page.locator('main button.govuk-button').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-haven-problem]').length === 1);
    const offline = await problemShown(page);
    await cont(page, 'home');

    // Assess
    expect(unavailable).toEqual({ text: expect.stringContaining('Something went wrong. Try again.'), focused: true });
    expect(offline).toEqual(unavailable);
    expect(violations).toEqual([]);
    expect(title).toBe('Error: The Wrekin Housing Group - Contact us');
    expect(stayed).toMatchObject({ step: 'about', answer: true, exit: true });
    expect(stayed.body).not.toContain('Service Unavailable');
    expect(await kept(page)).toMatchObject({ history: before.history, address: form() });
    expect(await page.title()).toBe('The Wrekin Housing Group - Contact us');
  });

  it('a final post that timed out at the gateway says it cannot tell whether the report was sent; sending again is the same report', async () => {
    // Prepare
    const { page } = await newPage();
    await page.clock.install();
    await page.goto(form());
    await cont(page, 'danger');
    await page.locator('#immediateDanger-2').check();
    await cont(page, 'about');
    await page.locator('#about').check();
    await cont(page, 'home');
    await page.locator('#livesInAssociationHome').check();
    await cont(page, 'narrative');
    await page.locator('#narrative').fill(CANARY);
    await cont(page, 'contact');
    await page.locator('#contactMethod-5').check(); // do not contact me
    await cont(page, 'abuse');
    await cont(page, 'person');
    await cont(page, 'household');
    await cont(page, 'check');
    let swallowed = '';

    // Act: the report reaches Haven, but the gateway answers 504 in place of its confirmation; then Send again
    await nextPost(page, async (route) => {
      swallowed = await (await route.fetch()).text();
      await route.fulfill({
        status: 504,
        contentType: 'application/json',
        body: '{"message":"Endpoint request timed out"}',
      });
    });
    await page.locator('main button.govuk-button').click();
    const timedOut = await problemShown(page);
    const exit = await page.locator('.govuk-exit-this-page__button').isVisible();
    await send(page);

    // Assess
    expect(timedOut).toEqual({
      text: expect.stringContaining(
        'We could not tell whether your report was sent. Send it again: it will not make a second report.',
      ),
      focused: true,
    });
    expect(exit).toBe(true);
    const first = /<strong>(HV-[0-9A-Z-]+)<\/strong>/.exec(swallowed)?.[1];
    expect(first, 'the first post was stored').toBeDefined();
    expect(await page.locator('main').innerText()).toContain(first as string);
  });

  it('a public path the form does not have is its own page with Exit this page, never JSON', async () => {
    // Prepare
    const { page } = await newPage({ axe: true });

    // Act
    const res = await page.goto(`${haven.url}/wrekin/report/${CANARY}`);

    // Assess
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    expect(await page.locator('.govuk-exit-this-page__button').isVisible()).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain(CANARY);
    expect(await axeViolations(page)).toEqual([]);
  });
});

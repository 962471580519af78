// The safe-contact plan in the staff console, in Chromium against a Haven this test starts (004 §7.3,
// 003, 000): who asked for what, a letter to a victim for whom letters are not safe, and a newly agreed
// plan recorded with the keyboard and then in force.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/core/roles.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch, narrowScreenshot, tabTo } from './browser.js';

const ASSOCIATION = 'connect-housing';
const VICTIM_PHONE = '07700 900 456';
const VICTIM_ADDRESS = '9 Canary Close';
const OUTSIDE_REASON = 'She rang us and asked for the tenancy letter in writing';

/** A report as the public form's JSON API takes it. */
const report = (extra: Record<string, unknown>) => ({
  associationId: ASSOCIATION,
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  area: 'kirklees',
  narrative: 'He shouted and took my keys.',
  ...extra,
});

describe('staff console: the safe-contact plan in Chromium (004 §7.3, 003)', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refs: Record<string, string> = {};
  const pageErrors: string[] = [];

  const post = async (body: unknown) => {
    const res = await fetch(`${rt.url}/${ASSOCIATION}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };
  const signedIn = async (role: Role): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.install({ time: rt.startedAt });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // Only the console's own pages count, and a refusal the test asks for (the letter outside the plan) is not an error.
      if (m.type() === 'error' && page.url().includes('/console/') && !/status of 422/.test(m.text()))
        pageErrors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(rt.signInLink(ASSOCIATION, role));
    return page;
  };
  const openCase = async (page: Page, reference: string) => {
    await page.goto(`${rt.url}/console/index.html`);
    await page.locator('#caseload tr', { hasText: reference }).locator('a').click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(reference);
  };
  const noAxeViolations = async (page: Page, name: string) =>
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  const flash = (page: Page) =>
    expect.poll(
      () =>
        page
          .locator('#flash .govuk-notification-banner__heading')
          .innerText()
          .catch(() => ''),
      { timeout: 15_000 },
    );
  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-console-contact-');
    rt = await startConsoleRuntime(dataDir);
    // A neighbour who does not want to be contacted, and knows no safe way to reach the victim.
    refs.neighbour = await post(
      report({
        reporterKind: 'third-party',
        reporter: { name: 'Nosy Neighbour', contact: { method: 'none' } },
        narrative: 'Shouting next door every night.',
      }),
    );
    // The victim's own report: phone at any time, no voicemail, letters not safe.
    refs.victim = await post(
      report({
        person: { name: 'Canary Contact-e2e', address: VICTIM_ADDRESS },
        safeContact: { method: 'phone', phone: VICTIM_PHONE, voicemailSafe: false, letterSafe: false },
      }),
    );
    // The victim's own "do not contact me".
    refs.noContact = await post(report({ safeContact: { noContact: true }, narrative: 'Please do not contact me.' }));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it("the officer sees who asked for what: a neighbour's \"do not contact me\" is theirs, the victim's own wish is the victim's", {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const page = await signedIn('officer');

    // Act: the neighbour's report
    await openCase(page, refs.neighbour ?? '');

    // Assess: the reporter asked not to be contacted; nothing says the victim did
    expect(await page.locator('#who-reporter').innerText()).toBe(
      "The reporter (a neighbour, friend or family member) asked us not to contact them. This is their own wish, not the victim's.",
    );
    expect(await page.locator('#who-victim').innerText()).toMatch(/^No safe way to contact the victim is known yet/);
    expect(await page.locator('#safe-contact-source').innerText()).toContain(
      'What the reporter knows of a safe way to contact the victim',
    );
    expect(await page.locator('main').innerText()).not.toContain('They asked us not to');
    expect(await page.locator('#case-details').innerText()).toMatch(
      /Reporter's own contact\s+Do not contact the reporter: they asked us not to/,
    );
    expect(await page.locator('#case-details').innerText()).toMatch(
      /Reported by\s+A neighbour, friend or family member/,
    );
    await noAxeViolations(page, 'case (neighbour, do not contact me)');

    // Act and Assess: the victim's own report, with a safe phone
    await openCase(page, refs.victim ?? '');
    expect(await page.locator('#who-reporter').innerText()).toBe('The victim made this report themselves.');
    expect(await page.locator('#who-victim').innerText()).toBe(
      'The victim told us how to contact them safely: Phone call.',
    );
    expect(await page.locator('#safe-contact-source').innerText()).toContain('What they told us');
    expect(await page.locator('#contact-plan-ways tr[data-way="phone"]').innerText()).toContain(
      'Do not leave a voicemail.',
    );
    expect(await page.locator('main').innerText()).not.toContain(VICTIM_PHONE);

    // Act and Assess: the victim's own "do not contact"
    await openCase(page, refs.noContact ?? '');
    expect(await page.locator('#who-victim').innerText()).toBe('The victim asked us not to contact them.');
    expect(await page.locator('#contact-plan-no-direct').innerText()).toContain('No direct contact');
    await noAxeViolations(page, 'case (victim, do not contact)');
  });

  it('a letter to a victim for whom letters are not safe needs a reason, which goes on the timeline; a newly agreed plan recorded with the keyboard is then in force and the letter is allowed', {
    timeout: 180_000,
  }, async () => {
    // Prepare: the victim's case, details shown (the plan form starts from the phone number in force)
    const page = await signedIn('officer');
    await openCase(page, refs.victim ?? '');
    await page.locator('#reveal').click();
    await expect.poll(() => page.locator('#contact-plan-ways').innerText()).toContain(VICTIM_PHONE);

    // Act: record a letter
    await page.locator('#contact-form input[name="way"][value="letter"]').check();
    await page.locator('#contact-form button[type=submit]').click();

    // Assess: refused with the plan's reason, and a required "why anyway"; nothing recorded yet
    const warning = page.locator('#contact-outside-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('A letter is not a safe way to contact them.');
    expect(await page.locator('#contact-form .govuk-error-summary').innerText()).toContain(
      'This contact is outside the safe-contact plan',
    );
    expect(await page.locator('label[for="contact-outside-reason"]').innerText()).toBe(
      'Why are you recording this anyway?',
    );
    expect(await page.locator('#timeline tr[data-event="contact-made"]').count()).toBe(0);
    await noAxeViolations(page, 'case (contact outside the plan)');

    // Act and Assess: another way is checked afresh, so the warning goes; the letter brings it back
    await page.locator('#contact-form input[name="way"][value="phone"]').check();
    expect(await page.locator('#contact-outside-warning').count()).toBe(0);
    await page.locator('#contact-form input[name="way"][value="letter"]').check();
    await page.locator('#contact-form button[type=submit]').click();
    await warning.waitFor();

    // Act: give the reason and record it anyway
    await page.fill('#contact-outside-reason', OUTSIDE_REASON);
    await page.locator('#contact-form button[type=submit]').click();

    // Assess: recorded, and the timeline says it was outside the plan, why it was refused and why anyway
    await flash(page).toContain('It was outside the plan: your reason is on the timeline.');
    const entry = page.locator('#timeline tr[data-event="contact-made"]');
    expect(await entry.count()).toBe(1);
    expect(await entry.innerText()).toContain('Letter');
    expect(await entry.innerText()).toContain('outside the plan: A letter is not a safe way to contact them.');
    expect(await entry.innerText()).toContain(`why anyway: ${OUTSIDE_REASON}`);

    // Act: record a newly agreed plan with the keyboard only: agreed with the victim, the phone kept, texts
    // at weekends 10am to midday, and letters now safe
    await tabTo(page, '#cp-agreed-with');
    await page.keyboard.press('Space');
    await tabTo(page, '#cp-way-text');
    await page.keyboard.press('Space');
    await tabTo(page, '#cp-text-phone');
    await page.keyboard.type(VICTIM_PHONE);
    for (const day of ['sat', 'sun']) {
      await tabTo(page, `#cp-text-day-${day}`);
      await page.keyboard.press('Space');
    }
    await tabTo(page, '#cp-text-from');
    await page.keyboard.type('10:00');
    await tabTo(page, '#cp-text-to');
    await page.keyboard.type('12:00');
    await tabTo(page, '#cp-way-letter');
    await page.keyboard.press('Space');
    await tabTo(page, '#cp-letter-address');
    await page.keyboard.type(VICTIM_ADDRESS);
    await tabTo(page, '#contact-plan-form button[type=submit]');
    await noAxeViolations(page, 'case (plan form filled)');
    await page.keyboard.press('Enter');

    // Assess: version 2, agreed with the victim, is in force, with both ways and the phone's safe times in words
    await flash(page).toBe('Newly agreed plan recorded: version 2 is now in force.');
    expect(await page.locator('#contact-plan-heading').innerText()).toBe('The plan in force (version 2)');
    expect(await page.locator('#contact-plan-source').innerText()).toMatch(/^Agreed with the victim on /);
    expect(await page.locator('#contact-plan-ways tr[data-way="letter"]').innerText()).toContain(VICTIM_ADDRESS);
    expect(await page.locator('#contact-plan-ways tr[data-way="text"]').innerText()).toContain(
      'Weekends, 10am to midday',
    );
    expect(await page.locator('#contact-plan-ways tr[data-way="phone"]').innerText()).toContain('Any time');
    expect(await page.locator('#contact-plan-versions tr[data-version="2"]').innerText()).toMatch(
      /2\s*In force[\s\S]*The victim[\s\S]*You/,
    );
    expect(await page.locator('#contact-plan-versions tr[data-version="1"]').innerText()).toContain('From the report');
    expect(await page.locator('#timeline tr[data-event="contact-plan-agreed"]').innerText()).toContain(
      'version 2, agreed with the victim',
    );
    expect(await page.locator('#who-victim').innerText()).toBe(
      'The victim told us how to contact them safely: Phone call, Text message or Letter.',
    );

    // Act: the letter again, now within the plan
    await page.locator('#contact-form input[name="way"][value="letter"]').check();
    await page.locator('#contact-form button[type=submit]').click();

    // Assess: recorded with no reason asked
    await flash(page).toBe('Contact recorded.');
    expect(await page.locator('#timeline tr[data-event="contact-made"]').count()).toBe(2);
    expect(await page.locator('#contact-outside-warning').count()).toBe(0);
    const narrow = await narrowScreenshot(page, 'case-contact-plan');
    expect(narrow.scrollWidth, 'the case with its plan scrolls sideways at 375 px').toBeLessThanOrEqual(
      narrow.clientWidth,
    );
    await page.setViewportSize({ width: 1200, height: 900 });
    await noAxeViolations(page, 'case (new plan in force)');
  });

  it("the victim's latest word wins: a later plan agreed with the reporter is recorded, and the victim's stays in force", {
    timeout: 60_000,
  }, async () => {
    // Prepare: the victim's case with version 2 agreed with the victim (the journey above)
    const page = await signedIn('officer');
    await openCase(page, refs.victim ?? '');
    expect(await page.locator('#contact-plan-heading').innerText()).toBe('The plan in force (version 2)');

    // Act: a plan agreed with the reporter: only through them
    await page.locator('#cp-agreed-with-reporter').check();
    for (const way of ['phone', 'text', 'letter']) await page.locator(`#cp-way-${way}`).uncheck();
    await page.locator('#cp-way-reporter').check();
    await page.locator('#contact-plan-form button[type=submit]').click();

    // Assess: version 3 is kept, and version 2 stays in force
    await flash(page).toBe(
      'Newly agreed plan recorded as version 3. The plan agreed with the victim (version 2) stays in force.',
    );
    expect(await page.locator('#contact-plan-heading').innerText()).toBe('The plan in force (version 2)');
    expect(await page.locator('#contact-plan-versions tr[data-version="3"]').innerText()).toMatch(/^3\s+The reporter/);
    expect(await page.locator('#contact-plan-versions tr[data-version="2"]').innerText()).toContain('In force');
  });

  it('an attempt that did not reach them is recorded as an attempt and does not count as a contact', {
    timeout: 60_000,
  }, async () => {
    // Prepare
    const page = await signedIn('officer');
    await openCase(page, refs.victim ?? '');
    const contacts = await page.locator('#timeline tr[data-event="contact-made"]').count();

    // Act: a phone call (in the plan, any time) that did not reach them
    await page.locator('#contact-form input[name="way"][value="phone"]').check();
    await page.locator('#contact-reached-no').check();
    await page.locator('#contact-form button[type=submit]').click();

    // Assess
    // Connect sets no contact clock (config: no initialContact, no regularContact), so none is said to keep running.
    await flash(page).toBe('Attempt recorded: it did not reach them.');
    expect(await page.locator('#timeline tr[data-event="contact-attempted"]').innerText()).toContain('Phone call');
    expect(await page.locator('#timeline tr[data-event="contact-made"]').count()).toBe(contacts);
  });

  it('no console page threw or logged an error', () => {
    // Prepare: the journeys above collected them. Act and Assess
    expect(pageErrors).toEqual([]);
  });
});

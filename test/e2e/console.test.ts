import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_TYPES } from '../../functions/core/report.js';
import type { Role } from '../../functions/core/roles.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { defined } from '../support/defined.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch } from './browser.js';

const CANARY_NAME = 'Canary Okonkwo-e2e';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A report as the public form's JSON API takes it. */
const report = (associationId: string, extra: Record<string, unknown> = {}) => ({
  associationId,
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  narrative: 'He shouted and took my keys.',
  ...extra,
});

/** London calendar date of an instant. */
const LONDON_DATE = { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const londonDate = (d: Date) => new Intl.DateTimeFormat('en-CA', LONDON_DATE).format(d);
/** The UK financial quarter label, worked out here independently of functions/core/figures.ts. */
function quarterOf(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const start = m >= 4 ? y : y - 1;
  const q = m >= 4 && m <= 6 ? 1 : m >= 7 && m <= 9 ? 2 : m >= 10 ? 3 : 4;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')} Q${q}`;
}

describe('staff console in Chromium (000, 001 §7, 002 §6, 003, 004 §7.3)', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let serverNow: Date;
  let firstCaseId = '';
  const references: Record<string, string> = {};
  const reference = (which: 'worked' | 'left') => defined(references[which], `the reference of the ${which} case`);
  const axeChecked: string[] = [];
  const pageErrors: string[] = [];

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${rt.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, path).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };
  /** A signed-in page for an example user, with the browser's clock set to Haven's virtual now. */
  const signedIn = async (associationId: string, role: Role): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      bypassCSP: true,
      acceptDownloads: true,
    });
    contexts.push(context);
    await context.clock.install({ time: serverNow });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${associationId} ${role}: ${e.message}`));
    page.on('console', (m) => {
      // Only the console's own pages count, and a refusal the test asks for (closing with no outcome or too early, the board opening a case) is not an error.
      if (
        m.type() === 'error' &&
        page.url().includes('/console/') &&
        !/^Failed to load resource: the server responded with a status of 4(00|03|09|22)/.test(m.text())
      )
        pageErrors.push(`${associationId} ${role}: console: ${m.text()} ${m.location().url}`);
    });
    await page.goto(rt.signInLink(associationId, role));
    expect(page.url()).toContain('/console/');
    return page;
  };
  const noAxeViolations = async (page: Page, name: string) => {
    await page.locator('#page-heading').waitFor();
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
    axeChecked.push(name);
  };
  const flash = async (page: Page, text: string | RegExp) => {
    await expect
      .poll(
        () =>
          page
            .locator('#flash')
            .innerText()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(text);
  };
  const submitIn = (page: Page, formId: string) => page.locator(`#${formId} button[type=submit]`).click();
  /** Records the victim's consent to `duty` through the consent form. */
  const consentGiven = async (page: Page, duty: string) => {
    await page.selectOption('#consent-duty', duty);
    await page.locator('#consent-decision').check();
    await submitIn(page, 'consent-form');
    await flash(page, 'Consent decision recorded.');
  };
  /** WCAG 1.4.10 reflow: at 375 px wide the page never scrolls sideways. */
  const fitsAt375 = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.locator('#page-heading').waitFor();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(widths.client);
    narrowChecked.push(name);
    await page.setViewportSize({ width: 1200, height: 900 });
  };
  const narrowChecked: string[] = [];
  const staffApi = async (associationId: string, role: Role, path: string, init: RequestInit = {}) =>
    fetch(`${rt.url}/${associationId}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${await rt.token(associationId, role)}`, ...(init.headers ?? {}) },
    });
  const subOf = (jwt: string) =>
    (
      JSON.parse(Buffer.from(defined(jwt.split('.')[1], 'the payload of a JWT'), 'base64url').toString('utf8')) as {
        sub: string;
      }
    ).sub;

  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-console-');
    rt = await startConsoleRuntime(dataDir);
    serverNow = rt.startedAt;
    references.worked = await post(
      '/connect-housing/api/reports',
      report('connect-housing', {
        area: 'kirklees',
        abuseTypes: ['physical', 'psychological'],
        person: { name: CANARY_NAME, address: '1 Canary Row' },
        safeContact: {
          method: 'phone',
          phone: '07700 900 123',
          safeTimes: 'Weekday mornings before 11am',
          voicemailSafe: false,
          letterSafe: false,
          codeWord: 'bluebell',
        },
        needs: { language: 'Polish', interpreter: true, sameGenderOfficer: true },
      }),
    );
    references.left = await post('/connect-housing/api/reports', report('connect-housing', { area: 'kirklees' }));
  });
  afterAll(async () => {
    if (process.env.DEBUG_CONSOLE) console.log('PAGE ERRORS', pageErrors);
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('an officer drives a case from report to closure: contact, DASH 15 (MARAC required), pathway, referral made and acknowledged, closure refused then accepted', {
    timeout: 240_000,
  }, async () => {
    // Prepare: two Connect Housing reports (beforeAll); the officer signs in.
    const page = await signedIn('connect-housing', 'officer');
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('Your open cases');

    // Assess: the case is on the caseload, due in words.
    const row = page.locator('#caseload tr', { hasText: reference('worked') });
    expect(await row.locator('.govuk-tag').first().innerText()).toMatch(/^Due in \d+ (hour|day)/);
    await noAxeViolations(page, 'caseload (officer)');

    // Act: open the case
    firstCaseId = (await row.getAttribute('data-case-id')) as string;
    await row.locator('a').click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(references.worked);

    // Assess: what they asked of us, where no one can miss it; their name hidden until shown, from the page and the API.
    const asks = await page.locator('#asks').innerText();
    expect(asks).toMatch(/How to contact them\s+Phone/);
    // Safe times are the reporter's own words: hidden with the phone number, but never missed.
    expect(asks).toMatch(/Safe times\s+Given: show names and contact details to read them before you contact them/);
    expect(asks).not.toContain('Weekday mornings before 11am');
    expect(asks).toMatch(/Language\s+Polish/);
    expect(asks).toMatch(/Interpreter needed\s+Yes/);
    expect(asks).toMatch(/Same-gender officer\s+Yes: send an officer of the same gender/);
    expect(await page.locator('main').innerText()).not.toContain(CANARY_NAME);
    expect(await page.locator('main').innerText()).not.toContain('07700 900 123');
    expect(await page.locator('#clocks').innerText()).toMatch(/Due in \d+ hours?[\s\S]*Safeguarding log/);
    expect(await page.locator('#timeline tr[data-event="case-viewed"]').first().innerText()).toContain('You (officer)');
    // The API itself sent none of it: the redacted read, not the page, keeps the details back.
    const read = await staffApi('connect-housing', 'officer', `/api/cases/${firstCaseId}`);
    const raw = await read.text();
    for (const secret of [CANARY_NAME, '1 Canary Row', '07700 900 123', 'bluebell', 'Weekday mornings', 'took my keys'])
      expect(raw).not.toContain(secret);
    await noAxeViolations(page, 'case (hidden details)');
    await fitsAt375(page, 'case (hidden details)');

    // Act: show the details
    await page.locator('#reveal').click();

    // Assess: shown, and the showing is on the timeline
    await expect.poll(() => page.locator('#case-details').innerText()).toContain(CANARY_NAME);
    expect(await page.locator('#reveal').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#asks').innerText()).toContain('Weekday mornings before 11am');
    expect(await page.locator('#timeline tr[data-event="details-revealed"]').first().innerText()).toMatch(
      /Names and contact details shown[\s\S]*You \(officer\)/,
    );
    await noAxeViolations(page, 'case (details shown)');
    await fitsAt375(page, 'case (details shown)');

    // Act and Assess: record the first contact
    await page.locator('#contact-form input[name="way"][value="phone"]').check();
    await submitIn(page, 'contact-form');
    // Connect sets no regular contact clock (config), so none is said to restart.
    await flash(page, /Contact recorded\.$/);
    expect(await page.locator('#timeline tr[data-event="contact-made"]').count()).toBe(1);

    // Act and Assess: the DASH
    // 002 §6: 15 yes answers, none of them an indicator question on its own.
    const questions = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'web', 'console', 'data', 'connect-housing.json'), 'utf8'),
    ).dash.questions as { id: string; indicator?: string }[];
    const yes = questions
      .filter((q) => !q.indicator)
      .slice(0, 15)
      .map((q) => q.id);
    for (const q of questions) await page.locator(yes.includes(q.id) ? `#dash-${q.id}` : `#dash-${q.id}-no`).check();
    expect(await page.locator('#dash-tally').innerText()).toBe('15 yes answers so far, 24 of 24 answered.');
    await noAxeViolations(page, 'case (DASH answered)');
    await submitIn(page, 'dash-form');
    await flash(page, 'DASH scored: 15, High risk. MARAC referral required.');
    expect(await page.locator('#dash-marac').innerText()).toBe('MARAC referral required');
    expect(await page.locator('#dash-result').innerText()).toContain('score 15 is 14 or more');
    expect(await page.locator('#actions tr[data-duty="marac-referral"]').innerText()).toMatch(
      /MARAC referral[\s\S]*Consent needed[\s\S]*To do/,
    );

    // Act and Assess: a pathway and its plan
    await page.locator('#pathway-choice-end-relationship-stay-in-property').check();
    await submitIn(page, 'pathway-form');
    await flash(page, 'Pathway recorded.');
    const plan = await page.locator('#pathway-plan').innerText();
    expect(plan).toContain('End the relationship and stay in the property');
    expect(plan).toContain('Contacts in Kirklees');
    expect(plan).toContain('Pennine Domestic Abuse Partnership');

    // Act and Assess: consent overridden, the MARAC referral made and acknowledged
    // MARAC without waiting for consent: the override names its basis and reason.
    await page.selectOption('#consent-duty', 'marac-referral');
    await page.locator('#consent-decision-overridden').check();
    await page.selectOption('#consent-basis', 'marac-threshold');
    await page.fill('#consent-reason', 'High risk: DASH 15, MARAC threshold met');
    await submitIn(page, 'consent-form');
    await flash(page, 'Consent decision recorded.');
    expect(await page.locator('#actions tr[data-duty="marac-referral"]').innerText()).toContain(
      'Overridden: The MARAC threshold is met',
    );

    await page.selectOption('#referral-duty', 'marac-referral');
    await submitIn(page, 'referral-form');
    await flash(page, 'Referral recorded as made.');
    expect(await page.locator('#actions tr[data-duty="marac-referral"]').innerText()).toContain(
      'Referral made, awaiting acknowledgement',
    );
    await page.selectOption('#acknowledge-duty', 'marac-referral');
    await submitIn(page, 'acknowledge-form');
    await flash(page, 'Referral recorded as acknowledged.');
    expect(await page.locator('#actions tr[data-duty="marac-referral"]').innerText()).toContain(
      'Referral acknowledged',
    );

    // Act and Assess: closing too early is refused, naming what is missing
    // 003: not closed while an action is open; the console lists what is missing.
    expect(await page.locator('#closure-missing').innerText()).toContain(
      'Safeguarding log on the internal hub is still open',
    );
    // DOMAIN.md "Closing a case": the form asks why, a required question.
    expect(await page.locator('#close-form legend').innerText()).toBe('Why is the case closing?');
    await page.locator('#close-button').click();
    const noOutcome = page.locator('#close-form .govuk-error-summary');
    await noOutcome.waitFor();
    expect(await noOutcome.innerText()).toContain('Select why is the case closing?');
    await page.locator('#close-outcome-no-further-action-appropriate').check();
    await page.locator('#close-discussed').check();
    await page.locator('#close-button').click();
    const refusal = page.locator('#close-form .govuk-error-summary');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(
      /The case cannot be closed yet[\s\S]*Safeguarding log on the internal hub is still open[\s\S]*Safety plan is still open/,
    );
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await noAxeViolations(page, 'case (closure refused)');
    expect(await page.locator('#case-status').innerText()).toBe('Open');

    // Act and Assess: the remaining duties, the safety plan shared only with consent
    await page.selectOption('#action-duty', 'safeguarding-log');
    await submitIn(page, 'action-form');
    await flash(page, 'Action recorded.');
    await consentGiven(page, 'refuge-names-check');
    await page.selectOption('#referral-duty', 'refuge-names-check');
    await submitIn(page, 'referral-form');
    await flash(page, 'Referral recorded as made.');
    await page.fill('#plan-steps-text', 'Keep a phone charged\nCode word with her sister');
    await page.fill('#plan-c0-name', 'Sister (Canary)');
    await page.fill('#plan-c0-share', 'code word, safe times');
    await submitIn(page, 'plan-form');
    await flash(page, 'Safety plan saved.');
    expect(await page.locator('#plan-contacts').innerText()).toContain('code word, safe times');
    // 000, 003: the plan is shared only with the victim's consent, and only what the contact may be told.
    await page.locator('#share-item-0').check();
    await submitIn(page, 'share-form');
    const shareRefused = page.locator('#share-form .govuk-error-summary');
    await shareRefused.waitFor();
    expect(await shareRefused.innerText()).toContain('consent');
    await consentGiven(page, 'safety-plan');
    await page.selectOption('#share-contact', '0');
    await page.locator('#share-item-0').check();
    await submitIn(page, 'share-form');
    await flash(page, 'Sharing of the safety plan recorded.');

    // Act: close
    await page.locator('#close-outcome-no-further-action-appropriate').check();
    await page.locator('#close-discussed').check();
    await page.locator('#close-button').click();
    await flash(page, 'Case closed.');

    // Assess
    expect(await page.locator('#case-status').innerText()).toBe('Closed');
    expect(await page.locator('#case-closure-outcome').innerText()).toContain('No further action is appropriate');
    expect(await page.locator('#timeline tr[data-event="case-closed"]').innerText()).toContain(
      'No further action is appropriate',
    );
    expect(await page.locator('#clocks').innerText()).toContain('No clocks are running');
    expect(await page.locator('#timeline tr[data-event="case-closed"]').count()).toBe(1);
    // 004 §7.3: a closed case keeps its safe-contact plan (feedback is asked only within it): no contact form.
    expect(await page.locator('#contact-closed').innerText()).toContain('The plan still decides whether');
    expect(await page.locator('#contact-plan-form').count()).toBe(1);
    expect(await page.locator('#contact-form').count()).toBe(0);
    await noAxeViolations(page, 'case (closed, with its outcome)');

    // Assess: the closed cases list it with its outcome (issue 13 item 1)
    await page.goto(`${rt.url}/console/index.html?status=closed`);
    const closedRow = page.locator('#closed-cases tr', { hasText: reference('worked') });
    await expect.poll(() => closedRow.count()).toBe(1);
    expect(await closedRow.locator('[data-label="Outcome"]').innerText()).toBe('No further action is appropriate');
    await noAxeViolations(page, 'closed cases (with outcome)');
  });

  it("a manager sees the overdue case an officer left (clock moved on 25 hours), in words and colour, with the officer's view on its timeline", async () => {
    // Prepare: the officer opens the case left alone, then Haven's clock moves on 25 hours.
    const officer = await signedIn('connect-housing', 'officer');
    await officer.goto(`${rt.url}/console/index.html`);
    const row = officer.locator('#caseload tr', { hasText: reference('left') });
    await row.locator('a').click();
    await expect.poll(() => officer.locator('#page-heading').innerText()).toBe(references.left);

    serverNow = await rt.advance(25 * HOUR);

    // Act: the manager opens the caseload
    const page = await signedIn('connect-housing', 'manager');
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe("Your team's open cases");

    // Assess: overdue in words and in red
    const overdue = page.locator('#caseload tr', { hasText: reference('left') });
    expect(await overdue.locator('.govuk-tag').first().innerText()).toMatch(/^Overdue by 1 hour/);
    // The caseload names the clock that is due (API nextClock), not just when.
    expect(await overdue.locator('.haven-next-clock').innerText()).toBe(
      'Safeguarding log: Safeguarding log on the internal hub',
    );
    expect(await overdue.locator('.govuk-tag').first().getAttribute('class')).toContain('govuk-tag--red');
    expect(await overdue.getAttribute('class')).toContain('haven-row--overdue');
    expect(await page.locator('#caseload-summary').innerText()).toContain('1 with a clock overdue');
    expect(await page.locator('#caseload').innerText()).not.toContain(reference('worked')); // closed
    await noAxeViolations(page, 'caseload (manager, overdue)');

    // Act and Assess: the overdue filter
    await page.locator('#filter-overdue').check();
    await page.locator('#filters button[type=submit]').click();
    await page.waitForURL(/overdue=true/);
    await expect.poll(() => page.locator('#caseload tr', { hasText: reference('left') }).count()).toBe(1);

    // Act and Assess: the case shows its overdue clock and who viewed it
    await page
      .locator('#caseload tr', { hasText: reference('left') })
      .locator('a')
      .click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(references.left);
    expect(await page.locator('#clocks li.haven-clock--overdue').innerText()).toMatch(
      /Overdue by 1 hour[\s\S]*Safeguarding log/,
    );
    const viewers = await page.locator('#timeline tr[data-event="case-viewed"]').allInnerTexts();
    expect(viewers.some((v) => /Officer [0-9a-f]{8}/.test(v))).toBe(true);
    expect(viewers.some((v) => v.includes('You (manager)'))).toBe(true);
    await noAxeViolations(page, 'case (manager, overdue clock)');

    // Act and Assess: assignment
    // A manager assigns the case to an officer picked from the staff directory (GET /api/staff): the
    // association's officers with their areas, and no one else.
    const officerSub = subOf(await rt.token('connect-housing', 'officer'));
    const managerSub = subOf(await rt.token('connect-housing', 'manager'));
    const choices = await page
      .locator('#assign-officer option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    expect(choices.map((o) => o.text.replace(/ \(.*\)$/, ''))).toEqual([
      'Choose an officer',
      'officer-2@connect-housing.haven.local',
      'officer@connect-housing.haven.local',
    ]);
    expect(choices.map((o) => o.value)).toContain(officerSub);
    expect(choices.map((o) => o.value)).not.toContain(managerSub);
    expect(await page.locator('#assign-email').count()).toBe(0);
    await page.selectOption('#assign-officer', officerSub);
    await submitIn(page, 'assign-form');
    await flash(page, 'Officer assigned.');
    expect(await page.locator('#assigned-officer').innerText()).toBe('officer@connect-housing.haven.local');
    expect(await page.locator('#timeline tr[data-event="officer-assigned"]').innerText()).toContain(
      'officer@connect-housing.haven.local',
    );

    // Act and Assess: a new incident
    // 002 §6: a new incident asks for the DASH again.
    await page.locator('#incident-violent').check();
    await submitIn(page, 'incident-form');
    await flash(page, 'Incident recorded. The DASH is due again.');
    expect(await page.locator('#dash-due').innerText()).toContain(
      'A new incident was recorded: the DASH is due again.',
    );

    // Act and Assess: facts learnt later
    // 004 §7.6: facts learnt later change what the case requires.
    expect(await page.locator('#actions tr[data-duty="childrens-social-care-referral"]').count()).toBe(0);
    await page.locator('#fact-children').check();
    await submitIn(page, 'facts-form');
    await flash(page, 'Facts updated. The required actions now follow them.');
    expect(await page.locator('#actions tr[data-duty="childrens-social-care-referral"]').innerText()).toContain(
      "Children's social care referral",
    );
    await noAxeViolations(page, 'case (manager, after assigning)');

    // Act and Assess: the officer filter
    // The caseload's officer filter uses the assignment.
    await page.goto(`${rt.url}/console/index.html`);
    await page.selectOption('#filter-officer', officerSub);
    expect(await page.locator('#filter-officer option:checked').innerText()).toBe(
      'officer@connect-housing.haven.local',
    );
    await page.locator('#filters button[type=submit]').click();
    await page.waitForURL(/officer=/);
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(1);
    expect(await page.locator('#caseload').innerText()).toContain(reference('left'));
  });

  it('the caseload pages beyond 50 cases, and every console page fits 375 px without scrolling sideways', {
    timeout: 180_000,
  }, async () => {
    // Prepare: 52 reports for Sada Herts
    const seeded: string[] = [];
    // Each report differs: the same body twice is one report (intake's idempotency).
    for (let i = 0; i < 52; i++)
      seeded.push(
        await post(
          '/sada-herts/api/reports',
          report('sada-herts', { area: 'hertfordshire', narrative: `Report ${i}: he shouted.` }),
        ),
      );

    // Act: the first page
    const page = await signedIn('sada-herts', 'manager');
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe("Your team's open cases");
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(50);

    // Assess
    const first = await page
      .locator('#caseload tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    await fitsAt375(page, 'caseload (page 1)');
    // Act: the second page
    await page.locator('#next-page').click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(2);

    // Assess: 52 different cases, no further page
    const second = await page
      .locator('#caseload tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    expect(new Set([...first, ...second]).size).toBe(52);
    expect(await page.locator('#next-page').count()).toBe(0);
    await noAxeViolations(page, 'caseload (page 2)');
    await fitsAt375(page, 'caseload (page 2)');
    // Act and Assess: back to the first page, and every other page at 375 px
    await page.locator('#first-page').click();
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(50);

    await page.locator('#caseload tbody tr a').first().click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toMatch(/^[A-Z]{2,4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await fitsAt375(page, 'case (manager)');
    await page.goto(`${rt.url}/console/figures.html`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('Figures');
    await fitsAt375(page, 'figures');
    await page.goto(`${rt.url}/console/sign-in.html`);
    await fitsAt375(page, 'sign in');
    await page.goto(`${rt.url}/console/signed-out.html`);
    await fitsAt375(page, 'signed out');
    expect(narrowChecked).toEqual(
      expect.arrayContaining([
        'case (hidden details)',
        'case (details shown)',
        'caseload (page 1)',
        'caseload (page 2)',
        'case (manager)',
        'figures',
        'sign in',
        'signed out',
      ]),
    );
  });

  it('the board sees the figures and is refused a case URL, by the console and by the API', async () => {
    // Prepare: a board member signs in
    const page = await signedIn('connect-housing', 'board');

    // Act and Assess: the console sends the board to the figures
    await page.goto(`${rt.url}/console/index.html`);
    await page.waitForURL(/figures\.html/);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('Figures');
    expect(await page.locator('#navigation').innerText()).not.toContain('Caseload');
    await noAxeViolations(page, 'figures (board)');

    // Act and Assess: a case URL is refused by the console and by the API
    await page.goto(`${rt.url}/console/case.html?id=${encodeURIComponent(firstCaseId)}`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('You cannot see cases');
    expect(await page.locator('main').innerText()).not.toContain(reference('worked'));
    await noAxeViolations(page, 'case refused (board)');
    const api = await fetch(`${rt.url}/connect-housing/api/cases/${firstCaseId}`, {
      headers: { authorization: `Bearer ${await rt.token('connect-housing', 'board')}` },
    });
    expect(api.status).toBe(403);
  });

  it('001 §7, 000: the figures page shows, for a seeded set of cases, the numbers this test works out itself; CSV downloads', async () => {
    // Prepare: five Housing 21 reports, then 22 days on; the expected figures worked out here
    const seeded = [
      { area: 'birmingham', abuseTypes: ['physical', 'emotional'], livesInAssociationHome: 'yes' },
      { area: 'birmingham', abuseTypes: ['financial'], livesInAssociationHome: 'yes' },
      { area: 'bristol', abuseTypes: ['physical'], livesInAssociationHome: 'no' },
      { abuseTypes: ['sexual', 'physical'], livesInAssociationHome: 'yes' },
      { area: 'newcastle-upon-tyne', abuseTypes: [], livesInAssociationHome: 'not-sure' },
    ];
    const reportedAt = serverNow;
    for (const s of seeded) await post('/housing-21/api/reports', report('housing-21', s));
    // 21 days and a bit later, every open case is over the holding period (000).
    serverNow = await rt.advance(22 * DAY);

    const expected = {
      reportsReceived: seeded.length,
      cases: seeded.filter((s) => s.livesInAssociationHome !== 'no').length,
      byArea: {} as Record<string, number>,
      byAbuseType: {} as Record<string, number>,
      quarter: quarterOf(londonDate(reportedAt)),
    };
    for (const s of seeded) {
      const area = s.area ?? 'not recorded';
      expected.byArea[area] = (expected.byArea[area] ?? 0) + 1;
      for (const t of s.abuseTypes) expected.byAbuseType[t] = (expected.byAbuseType[t] ?? 0) + 1;
    }
    const from = londonDate(new Date(reportedAt.getTime() - DAY));
    const to = londonDate(new Date(serverNow.getTime() + DAY));

    // Act
    const page = await signedIn('housing-21', 'board');
    await page.goto(`${rt.url}/console/figures.html?from=${from}&to=${to}`);
    await expect
      .poll(() =>
        page
          .locator('#period-heading')
          .innerText()
          .catch(() => ''),
      )
      .toBe(`${from} to ${to}`);

    // Assess: the page shows the numbers worked out here
    const value = (key: string) => page.locator(`#measure-${key} .haven-value`).innerText();
    expect(await value('reportsReceived')).toBe(String(expected.reportsReceived));
    expect(await value('cases')).toBe(String(expected.cases));
    expect(await value('openOverHoldingLimit')).toBe(`${expected.cases} of ${expected.cases} open`);
    const cell = (figure: string, key: string) =>
      page.locator(`tr[data-figure="${figure}"][data-key="${key}"] td`).innerText();
    for (const [area, n] of Object.entries(expected.byArea)) expect(await cell('byArea', area), area).toBe(String(n));
    for (const type of ABUSE_TYPES)
      expect(await cell('byAbuseType', type), type).toBe(String(expected.byAbuseType[type] ?? 0));
    expect(await cell('byQuarter', expected.quarter)).toBe(String(seeded.length));
    expect(await cell('byRisk', 'not-assessed')).toBe(String(seeded.length));
    // Bars carry their values in text too.
    expect(await page.locator('#byArea-chart').textContent()).toContain(`${expected.byArea.birmingham}`);
    // Measures the figures API cannot compute yet say so, never 0%.
    const api = (await (
      await fetch(`${rt.url}/housing-21/api/figures?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${await rt.token('housing-21', 'board')}` },
      })
    ).json()) as { unavailable?: string[]; maracReferrals: number | null };
    for (const key of api.unavailable ?? []) expect(await value(key), key).toBe('Not available yet');
    if (!(api.unavailable ?? []).includes('maracReferrals')) expect(await value('maracReferrals')).toBe('0');
    await noAxeViolations(page, 'figures (seeded period)');

    // Act and Assess: the CSV
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    expect(download.suggestedFilename()).toBe(`figures-${from}-to-${to}.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain(`reports received,,${expected.reportsReceived},,`);
    expect(csv).toContain(`reports by area,birmingham,${expected.byArea.birmingham},,`);
  });

  it('GOV.UK timeout warning: a warning with the time left, "Stay signed in" keeps the session, inactivity signs out; sign-out and sign-in pages', async () => {
    // Prepare: a manager on the caseload
    const page = await signedIn('connect-housing', 'manager');
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe("Your team's open cases");

    // Act and Assess: after 13.5 minutes the warning; "Stay signed in" keeps the session; inactivity signs out
    const dialog = page.locator('#timeout-dialog');
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward('13:30');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toMatch(/You are about to be signed out[\s\S]*we will sign you out in 2 minutes/);
    expect(await axeViolations(page), 'axe with the timeout warning open').toEqual([]);
    await page.locator('#timeout-stay').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.clock.fastForward('10:00');
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward('16:00');
    await page.waitForURL(/signed-out\.html/);
    await expect
      .poll(() => page.locator('#signed-out-reason').innerText())
      .toContain('had not done anything for a while');
    await noAxeViolations(page, 'signed out (timeout)');
    // Signed out for real: the console asks for sign-in again.
    await page.goto(`${rt.url}/console/index.html`);
    await page.waitForURL(/sign-in\.html/);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('Sign in to the Haven staff console');
    await noAxeViolations(page, 'sign in');

    // Act and Assess: signing out by choice
    const other = await signedIn('connect-housing', 'officer');
    await other.goto(`${rt.url}/console/index.html`);
    await other.locator('#sign-out').click();
    await other.waitForURL(/signed-out\.html/);
    await expect
      .poll(() => other.locator('#signed-out-reason').innerText())
      .toBe('You have signed out of the Haven staff console.');
    await noAxeViolations(other, 'signed out (by choice)');
  });

  it('002 §6, 003, 004 §7.4.3: a danger report is first in the caseload with its flag and has its banner until what was done is recorded (Wrekin)', {
    timeout: 120_000,
  }, async () => {
    // Prepare: a routine report left until its working-day clock is overdue, then a report in danger now.
    // Ten days, not four: the suite's virtual dates follow the real one, and around Christmas and New
    // Year four days can end before a working-day deadline, leaving the routine case due, not overdue.
    const routine = await post(
      '/wrekin/api/reports',
      report('wrekin', { area: 'telford-and-wrekin', narrative: 'Routine: he took my phone.' }),
    );
    serverNow = await rt.advance(10 * DAY);
    const danger = await post(
      '/wrekin/api/reports',
      report('wrekin', { area: 'telford-and-wrekin', immediateDanger: true, narrative: 'He is outside now.' }),
    );
    const page = await signedIn('wrekin', 'manager');

    // Act: the caseload
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(2);

    // Assess: the danger case comes before the overdue one, flagged in words
    const rows = page.locator('#caseload tbody tr');
    expect(await rows.nth(0).locator('th').innerText()).toContain(danger);
    expect(await rows.nth(0).locator('.haven-danger-tag').innerText()).toBe('Immediate danger');
    expect(await rows.nth(1).locator('th').innerText()).toContain(routine);
    expect(await rows.nth(1).locator('.haven-danger-tag').count()).toBe(0);
    await noAxeViolations(page, 'caseload (immediate danger first)');

    // Act: its case
    await rows.nth(0).locator('a').click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(danger);

    // Assess: the banner comes first, says when and that the 999 advice was shown, and that nothing is recorded yet
    const banner = page.locator('#danger-banner');
    expect(await page.locator('main > *').first().getAttribute('id')).toBe('danger-banner');
    expect(await banner.innerText()).toMatch(/Reported in immediate danger at .*20\d\d/);
    expect(await banner.innerText()).toContain('The 999 advice was shown to the person reporting.');
    expect(await page.locator('#danger-open').innerText()).toContain('Nobody has recorded what was done.');
    await noAxeViolations(page, 'case (immediate danger banner)');

    // Act: the officer records what was done with the action form
    await page.selectOption('#action-duty', 'advise-emergency-services');
    await page.fill('#action-reason', 'Rang 999 with her; police attended.');
    await submitIn(page, 'action-form');
    await flash(page, 'Action recorded.');

    // Assess: the banner says what was done, by whom; the caseload no longer puts it first
    expect(await page.locator('#danger-done').innerText()).toMatch(/^What was done: recorded .* by you\.$/);
    expect(await page.locator('#danger-open').count()).toBe(0);
    await noAxeViolations(page, 'case (what was done recorded)');
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#caseload tbody tr').first().locator('th').innerText()).toContain(routine);
    expect(await page.locator('.haven-danger-tag').count()).toBe(0);
  });

  it('no console page threw or logged an error', () => {
    // Prepare: every journey above ran (pageErrors collected them).
    // Act and Assess
    expect(pageErrors).toEqual([]);
  });

  it('axe-core found no WCAG 2.2 AA violation on any console page', () => {
    // Prepare: every journey above ran axe on its pages (noAxeViolations).
    // Act and Assess: every page named was checked.
    expect(new Set(axeChecked)).toEqual(
      new Set([
        'caseload (officer)',
        'case (hidden details)',
        'case (details shown)',
        'case (DASH answered)',
        'case (closure refused)',
        'case (closed, with its outcome)',
        'closed cases (with outcome)',
        'caseload (manager, overdue)',
        'case (manager, overdue clock)',
        'case (manager, after assigning)',
        'caseload (page 2)',
        'figures (board)',
        'case refused (board)',
        'figures (seeded period)',
        'signed out (timeout)',
        'sign in',
        'signed out (by choice)',
        'caseload (immediate danger first)',
        'case (immediate danger banner)',
        'case (what was done recorded)',
      ]),
    );
  });
});

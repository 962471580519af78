/**
 * Escalations reach people and people take them on, in Chromium on Haven's virtual clock (One
 * Manchester, 004 §7.5.1: initial contact within 24 hours; tiers at the breach, 24 and 48 hours
 * later; "I've got this" holds the next tier 4 hours): the assigned officer gets the first email at
 * their own address; a manager not signed in follows the email's link, signs in and lands on that
 * case; taking it on is on the timeline and holds the next tier for the set time; the Alerts page
 * lists what was sent to them. axe (WCAG 2.2 AA) finds nothing on any page visited.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Role } from '../../functions/core/roles.js';
import type { StoredEmail } from '../../local/ses.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { defined } from '../support/defined.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch } from './browser.js';

const HOUR = 3_600_000;
const OM = 'one-manchester';
const om = getAssociation(OM);
const CANARY = 'Canary Escalation-e2e';

describe('escalations in the console (004 §7.5.1, One Manchester)', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let now: Date;

  const staffApi = async (role: Role, path: string, init: RequestInit = {}) =>
    fetch(`${rt.url}/${OM}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await rt.token(OM, role)}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  const mailbox = async (reference: string): Promise<StoredEmail[]> =>
    ((await (await fetch(`${rt.url}/local/mailbox.json`)).json()) as { emails: StoredEmail[] }).emails.filter((m) =>
      m.subject.includes(reference),
    );
  const subOf = (jwt: string) =>
    JSON.parse(Buffer.from(defined(jwt.split('.')[1], 'a JWT payload'), 'base64url').toString('utf8')) as {
      sub: string;
      email: string;
    };
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.install({ time: now });
    return context.newPage();
  };
  const noAxe = async (page: Page, name: string) => {
    await page.locator('#page-heading').waitFor();
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  };

  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-escalations-');
    rt = await startConsoleRuntime(dataDir);
    now = rt.startedAt;
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('the assigned officer gets the first email at their own address; a manager follows its link, signs in, lands on the case, takes it on; the next tier waits 4 hours and says who has it', {
    timeout: 240_000,
  }, async () => {
    // Prepare: a report, assigned to the example officer.
    const filed = await fetch(`${rt.url}/${OM}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        associationId: OM,
        reporterKind: 'victim',
        immediateDanger: false,
        livesInAssociationHome: 'yes',
        narrative: 'He took my keys.',
        person: { name: CANARY },
      }),
    });
    expect(filed.status).toBe(202);
    const { reference } = (await filed.json()) as { reference: string };
    const list = (await (await staffApi('manager', '/api/cases?limit=200')).json()) as {
      items: { caseId: string; reference: string; version: number }[];
    };
    const item = defined(
      list.items.find((i) => i.reference === reference),
      'the case in the caseload',
    );
    const officer = subOf(await rt.token(OM, 'officer'));
    const assigned = await staffApi('manager', `/api/cases/${item.caseId}/assign`, {
      method: 'POST',
      headers: { 'if-match': `"${item.version}"` },
      body: JSON.stringify({ officer: officer.sub }),
    });
    expect(assigned.status).toBe(200);

    // Act 1: 47 hours on, the breach (at 24 hours) has been escalated once; the next tier is due at 48.
    now = await rt.advance(47 * HOUR);
    const first = (await mailbox(reference)).filter((m) => m.subject.startsWith('Overdue:'));
    const link = defined(
      /Open the case: (\S+)/.exec(defined(first[0], 'the first escalation').body.text ?? '')?.[1],
      'the link',
    );
    const page = await newPage();
    await page.goto(link);
    await page.waitForURL(/\/console\/sign-in\.html\?return=/);
    await noAxe(page, 'sign in (with a return)');
    await page.locator('#code').fill(rt.signInLink(OM, 'manager'));
    await page.locator('#continue').click();
    await page.waitForURL(/\/console\/case\.html\?id=/);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(reference);
    const landed = new URL(page.url());
    await page.locator('#escalations').waitFor();
    await noAxe(page, 'case with an escalation');
    await page.locator('form.haven-take-on button[type=submit]').first().click();
    await expect
      .poll(() =>
        page
          .locator('#flash')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/Escalation taken on/);
    const timelineRow = await page.locator('#timeline tr[data-event="escalation-acknowledged"]').innerText();
    const takenLine = await page.locator('#escalations [id^="taken-"]').first().innerText();
    const buttonsAfter = await page.locator('form.haven-take-on').count();
    await noAxe(page, 'case after taking it on');

    // Act 2: 2 hours later (the next tier was due at 48 hours) and 3 more (past the 4-hour hold).
    now = await rt.advance(2 * HOUR);
    const whileHeld = (await mailbox(reference)).filter((m) => m.subject.startsWith('Still overdue'));
    now = await rt.advance(3 * HOUR);
    const afterHold = (await mailbox(reference)).filter((m) => m.subject.startsWith('Still overdue'));

    // Act 3: the manager's alerts.
    await page.goto(`${rt.url}/console/alerts.html`);
    await page.locator('#alerts').waitFor();
    const alertRow = await page.locator(`#alerts tr[data-case="${item.caseId}"][data-tier="0"]`).innerText();
    await noAxe(page, 'alerts');
    await page.setViewportSize({ width: 375, height: 800 });
    await noAxe(page, 'alerts at 375 px');
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);

    // Assess
    expect(first.map((m) => m.destination.to)).toEqual([[officer.email, om.escalation.mailboxes['line-manager']]]);
    expect(first[0]?.body.text).toContain(`Who holds the case: ${officer.email}.`);
    expect(first[0]?.body.text).toMatch(
      /overdue since \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4} \(London time\)/,
    );
    expect(landed.pathname).toBe('/console/case.html');
    expect(landed.searchParams.get('id')).toBe(item.caseId);
    expect(timelineRow).toContain('manager@one-manchester.haven.local');
    expect(takenLine).toMatch(/^Taken on by you/);
    expect(buttonsAfter).toBe(0); // this tier is taken on: no second "I've got this" to hold the next tier again
    expect(whileHeld).toEqual([]);
    expect(afterHold.map((m) => m.destination.to)).toEqual([[om.escalation.mailboxes['operations-manager']]]);
    expect(afterHold[0]?.body.text).toContain('Taken on: manager@one-manchester.haven.local said "I\'ve got this"');
    expect(alertRow).toContain(reference);
    expect(alertRow).toMatch(/Taken on\s+by you/);
    expect(widths[0]).toBeLessThanOrEqual(defined(widths[1], 'the client width'));
    for (const m of await mailbox(reference)) expect(JSON.stringify(m)).not.toContain(CANARY);
  });

  it('a return target that is not one of the console pages is ignored: signing in lands on the console, never elsewhere', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const page = await newPage();
    const code = defined(new URL(rt.signInLink(OM, 'manager')).searchParams.get('code'), 'a sign-in code');
    // Act
    await page.goto(
      `${rt.url}/console/sign-in.html?return=${encodeURIComponent('https://evil.example/console/case.html')}`,
    );
    await page.locator('#code').fill(rt.signInLink(OM, 'manager'));
    await page.locator('#continue').click();
    await page.waitForURL(/\/console\/index\.html/);
    const direct = await Promise.all(
      ['//evil.example/', 'https://evil.example/', '/console/../local/whoami', 'case.html?id=x&next=//evil'].map(
        async (target) =>
          (
            await fetch(`${rt.url}/local/sign-in`, {
              method: 'POST',
              redirect: 'manual',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ code, return: target }),
            })
          ).headers.get('location'),
      ),
    );
    // Assess
    expect(new URL(page.url()).origin).toBe(new URL(rt.url).origin);
    expect(direct).toEqual([
      '/console/index.html',
      '/console/index.html',
      '/console/index.html',
      '/console/index.html',
    ]);
  });

  it('the terminal sign-in link opened in the same tab also brings the reader back to the case they were sent to sign in from', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const list = (await (await staffApi('manager', '/api/cases?limit=200')).json()) as { items: { caseId: string }[] };
    const caseId = defined(list.items[0], 'a case').caseId;
    const page = await newPage();
    // Act
    await page.goto(`${rt.url}/console/case.html?id=${caseId}`);
    await page.waitForURL(/\/console\/sign-in\.html\?return=/);
    await page.locator('#page-heading').waitFor();
    await page.goto(rt.signInLink(OM, 'manager'));
    await page.waitForURL(/\/console\/case\.html\?id=/);
    // Assess
    expect(new URL(page.url()).searchParams.get('id')).toBe(caseId);
  });
});

// Issue 13: the caseload as a work queue in Chromium against a Haven this test starts. A case reported
// in immediate danger and a high-risk case with no clock running lead the caseload, ahead of a routine
// case whose clock runs; a search by reference finds a case and its timeline shows the search, who
// made it; "My tasks" lists the open actions of the cases assigned to the signed-in officer. Every
// page passes axe (WCAG 2.2 AA) at 1280 and 375 px, and none scrolls sideways at 375 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashChecklist } from '../../functions/core/dash-checklist.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { defined } from '../support/defined.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch } from './browser.js';

const ASSOCIATION = 'connect-housing';

const report = (extra: Record<string, unknown> = {}) => ({
  associationId: ASSOCIATION,
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  area: 'kirklees',
  safeContact: { method: 'phone', phone: '07700 900 321' },
  ...extra,
});

describe('staff console: the caseload as a work queue (issue 13)', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refs: Record<'routine' | 'high' | 'danger', string> = { routine: '', high: '', danger: '' };
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
  const staffApi = async (path: string, init: RequestInit = {}) =>
    fetch(`${rt.url}/${ASSOCIATION}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await rt.token(ASSOCIATION, 'manager')}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  /** The case id of a reference, read through the caseload (no search, so nothing is recorded). */
  const caseIdOf = async (reference: string) => {
    const res = await staffApi('/api/cases?limit=200');
    const items = ((await res.json()) as { items: { caseId: string; reference: string }[] }).items;
    return defined(
      items.find((i) => i.reference === reference),
      reference,
    ).caseId;
  };
  /** A case command at the case's current version, read again when the lifecycle wrote first (409). */
  const command = async (caseId: string, path: string, body: unknown) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const etag = (await staffApi(`/api/cases/${caseId}`)).headers.get('etag') ?? '';
      const res = await staffApi(`/api/cases/${caseId}/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'if-match': etag },
      });
      if (res.status !== 409) {
        expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
        return;
      }
    }
    throw new Error(`${path} kept meeting a newer version`);
  };
  const signedIn = async (role: 'manager' | 'officer' = 'manager'): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.install({ time: rt.startedAt });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && page.url().includes('/console/')) pageErrors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(rt.signInLink(ASSOCIATION, role));
    return page;
  };
  /** axe at 1280 px and at 375 px (where the page must not scroll sideways), back to 1280 after. */
  const accessible = async (page: Page, name: string) => {
    await page.locator('#page-heading').waitFor();
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

  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-console-worklist-');
    rt = await startConsoleRuntime(dataDir);
    // Filed in this order, so by report time the routine case is first and the danger case last.
    // Each its own words: the same report twice is one case (intake's idempotency).
    refs.routine = await post(report({ narrative: 'He took my phone.' }));
    refs.high = await post(report({ narrative: 'He said he would hurt me.' }));
    refs.danger = await post(report({ immediateDanger: true, narrative: 'He is outside now.' }));
    // The high-risk case: its one clocked duty (the safeguarding log) done, then a DASH of 15 (high risk,
    // MARAC required): Connect Housing keeps no clock on the MARAC referral, so none runs.
    const high = await caseIdOf(refs.high);
    await command(high, 'actions/safeguarding-log', { outcome: 'done' });
    const checklist = defined(dashChecklist('dash-2009'), 'the dash-2009 checklist');
    const yes = checklist.questions.filter((q) => !q.indicator).slice(0, 15);
    await command(high, 'dash', {
      version: 'dash-2009',
      answers: Object.fromEntries(checklist.questions.map((q) => [q.id, yes.includes(q) ? 'yes' : 'no'])),
    });
    // The routine case is the officer's, for "My tasks" (only an officer in the directory may hold a case).
    const officer = JSON.parse(
      Buffer.from(
        defined((await rt.token(ASSOCIATION, 'officer')).split('.')[1], 'a JWT payload'),
        'base64url',
      ).toString(),
    ) as { sub: string };
    await command(await caseIdOf(refs.routine), 'assign', { officer: officer.sub });
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('a danger case and a high-risk case with no clock lead the caseload; search by reference finds a case and its timeline shows the search', {
    timeout: 180_000,
  }, async () => {
    // Act
    const page = await signedIn();
    await page.goto(`${rt.url}/console/index.html`);
    await expect.poll(() => page.locator('#caseload tbody tr').count()).toBe(3);

    // Assess: the order and what each row says
    const rows = page.locator('#caseload tbody tr');
    expect(await rows.locator('th a').allInnerTexts()).toEqual([refs.danger, refs.high, refs.routine]);
    expect(await rows.nth(0).innerText()).toContain('Immediate danger');
    const high = await rows.nth(1).innerText();
    expect(high).toContain('No clock running');
    expect(high).toContain('High');
    expect(high).toMatch(/MARAC referral/);
    expect(await rows.nth(2).locator('.haven-next-action').innerText()).toBe('Safeguarding log on the internal hub');
    await accessible(page, 'caseload');
    // The search hint's example carries this association's own reference prefix, never another's.
    const prefix = refs.routine.split('-')[0];
    expect(await page.locator('#search-reference-hint').innerText()).toContain(`For example, ${prefix}-AB12-CD34.`);

    // Act: search by reference
    await page.fill('#search-reference', refs.routine.toLowerCase());
    await page.locator('#search-form button[type=submit]').click();
    await expect
      .poll(() =>
        page
          .locator('#search-found')
          .innerText()
          .catch(() => ''),
      )
      .toBe(refs.routine);
    expect(page.url()).not.toContain(refs.routine);
    await accessible(page, 'caseload (search result)');
    await page.locator('#search-found').click();

    // Assess: the case's timeline shows the search, who made it
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(refs.routine);
    const found = page.locator('#timeline tr[data-event="case-found-by-reference"]');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.innerText()).toContain('Case found by its reference');
    expect(await found.innerText()).toContain('You (manager)');

    // Act and Assess: my tasks, as the officer who holds the routine case, and the closed cases
    const officerPage = await signedIn('officer');
    await officerPage.goto(`${rt.url}/console/tasks.html`);
    await expect.poll(() => officerPage.locator('#tasks tbody tr').count()).toBeGreaterThan(0);
    expect(await officerPage.locator('#tasks tbody tr').first().innerText()).toContain(refs.routine);
    await accessible(officerPage, 'my tasks');
    await page.goto(`${rt.url}/console/index.html?status=closed`);
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe('Closed cases');
    await accessible(page, 'closed cases');
    expect(pageErrors).toEqual([]);
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Role } from '../../functions/core/roles.js';
import { type ConsoleRuntime, startConsoleRuntime } from '../console/runtime.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';
import { axeViolations, launch } from './browser.js';

const ASSOCIATION = 'connect-housing';
const TEAM = getAssociation(ASSOCIATION).escalation.mailboxes['case-officer'];
const HOME = { name: 'Sam Example', address: '7 Canal Wharf, Leeds LS11 5PS' };

describe('staff console, 000 and 004 §10: a linked case of another area shows only that it exists and who manages it', () => {
  let dataDir: string;
  let rt: ConsoleRuntime;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const refs: Record<'kirklees' | 'leeds', string> = { kirklees: '', leeds: '' };

  const report = async (area: 'kirklees' | 'leeds') => {
    const res = await fetch(`${rt.url}/${ASSOCIATION}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `linked-e2e-${area}` },
      body: JSON.stringify({
        associationId: ASSOCIATION,
        reporterKind: 'victim',
        immediateDanger: false,
        livesInAssociationHome: 'yes',
        area,
        person: HOME,
        narrative: `Trouble at home (${area}).`,
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };
  /** Signed in as `role`, the Kirklees case opened from the caseload. */
  const kirkleesCaseAs = async (role: Role): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.clock.install({ time: rt.startedAt });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(rt.signInLink(ASSOCIATION, role));
    await page.goto(`${rt.url}/console/index.html`);
    await page.locator('#caseload tr', { hasText: refs.kirklees }).locator('a').click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(refs.kirklees);
    return page;
  };

  beforeAll(async () => {
    browser = await launch();
    dataDir = tempDataDir('haven-console-linked-');
    rt = await startConsoleRuntime(dataDir);
    refs.leeds = await report('leeds');
    refs.kirklees = await report('kirklees');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rt?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('000: the Kirklees officer reads "A linked case exists that you cannot open", managed by the team, and no Leeds reference', {
    timeout: 120_000,
  }, async () => {
    // Prepare and Act: the example officer works in Kirklees only.
    const page = await kirkleesCaseAs('officer');

    // Assess
    const linked = await page.locator('#linked-cases').innerText();
    expect(linked).toContain('A linked case exists that you cannot open.');
    expect(linked).toContain(TEAM);
    expect(await page.locator('main').innerText()).not.toContain(refs.leeds);
    expect(await page.locator('#linked-cases a[href^="case.html"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('000: a manager sees the Leeds case in full from the Kirklees one, and opening it shows that sight on its timeline', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const page = await kirkleesCaseAs('manager');

    // Act
    await page.locator('#linked-cases a', { hasText: refs.leeds }).click();
    await expect.poll(() => page.locator('#page-heading').innerText()).toBe(refs.leeds);

    // Assess
    const sights = await page.locator('#timeline tr[data-event="linked-case-viewed"]').allInnerTexts();
    const mine = sights.filter((s) => s.includes('You (manager)'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('Seen as a linked case from another case');
    expect(mine[0]).toContain('its summary was shown');
    expect(pageErrors).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredEmail } from '../../local/ses.js';
import { havenForSuite } from '../support/runtime.js';
import { controlKey, havenNow, jump, mailbox, run } from './clock-client.js';

const HOUR = 3_600_000;
const CANARIES = [
  'CANARY-clock-narrative',
  'Canary Clockwise',
  '9 Canary Wharf Row',
  '07700 900 999',
  'canary-clock@example.org',
  'canary-codeword',
];
const OM_MAILBOXES = {
  tier0: ['community-safety@one-manchester.example.org', 'community-safety-team-leader@one-manchester.example.org'],
  tier1: ['neighbourhood-manager@one-manchester.example.org'],
  tier2: ['head-of-neighbourhoods@one-manchester.example.org'],
};

/** A One Manchester report (initial contact within 24 hours, 004 §7.5.1) full of canary strings. */
const canaryReport = () => ({
  associationId: 'one-manchester',
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  narrative: `${CANARIES[0]} he took my keys`,
  person: { name: CANARIES[1], address: CANARIES[2] },
  safeContact: {
    method: 'phone',
    phone: CANARIES[3],
    email: CANARIES[4],
    safeTimes: 'mornings',
    voicemailSafe: false,
    letterSafe: false,
    codeWord: CANARIES[5],
  },
});

async function file(url: string): Promise<string> {
  // A fresh Idempotency-Key: the same report twice without one is the same case.
  const headers = { 'content-type': 'application/json', 'idempotency-key': `clock-test-${randomUUID()}` };
  const res = await fetch(`${url}/one-manchester/api/reports`, {
    method: 'POST',
    headers,
    body: JSON.stringify(canaryReport()),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { reference: string }).reference;
}

const about = (emails: StoredEmail[], reference: string) => emails.filter((m) => m.subject.includes(reference));
/** The escalation tier an email is: "Overdue: …" is the first, "Still overdue (escalation n)" the n-th. */
const tierOf = (m: StoredEmail) =>
  m.subject.startsWith('Overdue:') ? 0 : Number(/escalation (\d+)/.exec(m.subject)?.[1] ?? NaN) - 1;

describe('controllable clock: jump ahead and see escalations', () => {
  const haven = havenForSuite();

  it('npm start runs the virtual clock at 1 × real time by default, and says so', async () => {
    // Prepare: Haven started with no clock options (havenForSuite).
    // Act
    const clock = (await (await fetch(`${haven.url}/local/clock.json`)).json()) as {
      now: string;
      virtual: boolean;
      speed: number;
    };

    // Assess
    expect(haven.stdout()).toMatch(/clock: +virtual, now \S+, 1 × real time/);
    expect(clock).toMatchObject({ virtual: true, speed: 1 });
    expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(60_000);
  });

  it('004 §7.5.1: 25 hours after a report with no contact, the escalation email is in the mailbox, with the reference and nothing reported', async () => {
    // Prepare
    const reference = await file(haven.url);
    const before = await havenNow(haven.url);

    // Act
    const moved = await jump(haven.url, haven.dataDir, '+25h');

    // Assess: the clock moved 25 hours and sent the first tier.
    expect(Date.parse(moved.now) - before.getTime()).toBeGreaterThanOrEqual(25 * HOUR);
    expect(Date.parse(moved.now) - before.getTime()).toBeLessThan(25 * HOUR + 60_000);
    expect(moved.emailsSent).toBeGreaterThanOrEqual(1);

    // Assess: one escalation to tier 0, with the reference and a link, never what was reported.
    const emails = await mailbox(haven.url);
    const mine = about(emails, reference);
    expect(mine.map((m) => m.subject)).toEqual([`Overdue: initial contact on case ${reference}`]);
    const [email] = mine as [StoredEmail];
    expect(email.destination.to.sort()).toEqual([...OM_MAILBOXES.tier0].sort());
    expect(email.body.text).toContain(`Case ${reference}`);
    // The link goes to the console's case page, which this runtime serves.
    const link = /(\S+\/console\/case\.html\?id=[^\s]+)/.exec(email.body.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${haven.url}/console/case.html?id=`), link).toBe(true);
    const casePage = await fetch(link);
    expect(casePage.status).toBe(200);
    expect(await casePage.text()).toContain('<title>Case - Haven staff console');
    // The handler read the virtual clock: the email went at the 24-hour deadline, a day ahead of the wall clock.
    const due = Date.parse(/was due by (\S+) /.exec(email.body.text ?? '')?.[1] ?? '');
    expect(due - before.getTime()).toBeGreaterThan(23.9 * HOUR);
    expect(email.at * 1000).toBeGreaterThan(Date.now() + 23 * HOUR);
    const all = JSON.stringify(emails);
    for (const canary of CANARIES) expect(all, canary).not.toContain(canary);
  });

  it('the clock page shows Haven’s now and jumps an hour from its GOV.UK form (CSRF token, same origin)', async () => {
    // Prepare: the page and its CSRF token.
    const page = await fetch(`${haven.url}/local/clock`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('govuk-button');
    expect(text).toMatch(/name="jump" value="1h"[^>]*>Jump 1 hour/);
    const shown = Date.parse(/<time id="now" datetime="([^"]+)"/.exec(text)?.[1] ?? '');
    expect(Math.abs(shown - (await havenNow(haven.url)).getTime())).toBeLessThan(5_000);
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(text)?.[1] as string;

    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${haven.url}/local/clock`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: haven.url, ...headers },
        body: new URLSearchParams(fields),
      });
    const before = await havenNow(haven.url);

    // Act
    const ok = await form({ csrfToken, jump: '1h' });

    // Assess
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/local\/clock\?moved=\d+&sent=\d+$/);
    expect((await havenNow(haven.url)).getTime() - before.getTime()).toBeGreaterThanOrEqual(HOUR);
    const after = await (await fetch(new URL(ok.headers.get('location') as string, haven.url))).text();
    expect(after).toContain('Moved on 1 hour');

    // Act and Assess: forms without the page's token, from elsewhere, or with a time it refuses move nothing.
    const at = await havenNow(haven.url);
    expect((await form({ jump: '1h' })).status, 'no CSRF token').toBe(403);
    expect((await form({ csrfToken: 'x'.repeat(32), jump: '1h' })).status, 'a wrong token').toBe(403);
    expect((await form({ csrfToken, jump: '1h' }, { origin: 'http://evil.example' })).status, 'another origin').toBe(
      403,
    );
    expect(
      (await form({ csrfToken, jump: '1h' }, { 'sec-fetch-site': 'cross-site' })).status,
      'a cross-site request',
    ).toBe(403);
    expect((await form({ csrfToken, to: 'next tuesday' })).status, 'a date it cannot read').toBe(400);
    expect((await form({ csrfToken, to: '2020-01-01T00:00Z' })).status, 'back in time').toBe(400);
    expect((await havenNow(haven.url)).getTime() - at.getTime(), 'none of those moved the clock').toBeLessThan(60_000);
  });

  it('the JSON control and the token endpoint need the control key from the data dir; the Host must be this machine', async () => {
    // Prepare
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${haven.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    // Act and Assess: without the key, or with another, the controls refuse.
    expect((await post('/local/clock', { by: '+1h' })).status).toBe(403);
    expect((await post('/local/clock', { by: '+1h' }, { 'x-haven-local-key': 'not-the-key' })).status).toBe(403);
    expect((await post('/local/token', { associationId: 'wrekin', role: 'manager' })).status).toBe(403);
    // Act and Assess: with the key, a bad jump is refused by name and a token works on the staff API.
    const bad = await post('/local/clock', { by: 'soon' }, { 'x-haven-local-key': controlKey(haven.dataDir) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('+25h');
    const token = await post(
      '/local/token',
      { associationId: 'wrekin', role: 'manager' },
      { 'x-haven-local-key': controlKey(haven.dataDir) },
    );
    expect(token.status).toBe(200);
    const { token: jwt } = (await token.json()) as { token: string };
    expect((await fetch(`${haven.url}/wrekin/api/cases`, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(
      200,
    );
    // Act and Assess: DNS rebinding: a page on another name that resolves here gets nothing.
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok, fail) => {
      const req = request(`${haven.url}/local/clock`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        ok(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("the local controls refuse in the staff API's one error shape: { error, fields } naming the field, never the value", async () => {
    // Prepare
    const headers = { 'content-type': 'application/json', 'x-haven-local-key': controlKey(haven.dataDir) };
    const post = (path: string, body: unknown) =>
      fetch(`${haven.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

    // Act
    const badToken = await post('/local/token', { associationId: 'wrekin', role: 'CANARY-role' });
    const badJump = await post('/local/clock', { by: 'CANARY-soon' });

    // Assess
    expect(badToken.status).toBe(400);
    const tokenBody = await badToken.text();
    expect(JSON.parse(tokenBody)).toMatchObject({ error: 'Bad Request', fields: [{ field: 'role' }] });
    expect(badJump.status).toBe(400);
    const jumpBody = await badJump.text();
    expect(JSON.parse(jumpBody)).toMatchObject({ error: expect.any(String), fields: [{ field: 'by' }] });
    for (const body of [tokenBody, jumpBody]) expect(body).not.toContain('CANARY');
  });

  it('npm run clock moves the running Haven (the command the page names)', async () => {
    // Prepare
    const before = await havenNow(haven.url);

    // Act: a jump by a duration
    const out = await run(process.execPath, ['--import', 'tsx', 'local/clock.ts', '+2h', '--data-dir', haven.dataDir]);

    // Assess
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Moved on 2 hours: \S+ → \S+; \d+ email\(s\) sent/);
    expect((await havenNow(haven.url)).getTime() - before.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
    // Act: a jump to an instant
    const to = new Date((await havenNow(haven.url)).getTime() + 3 * HOUR).toISOString();
    const toOut = await run(process.execPath, [
      '--import',
      'tsx',
      'local/clock.ts',
      '--to',
      to,
      '--data-dir',
      haven.dataDir,
    ]);

    // Assess
    expect(toOut.code, toOut.stderr).toBe(0);
    expect((await havenNow(haven.url)).getTime()).toBeGreaterThanOrEqual(Date.parse(to));

    // Act and Assess: with no jump it shows the clock
    const shown = await run(process.execPath, ['--import', 'tsx', 'local/clock.ts', '--data-dir', haven.dataDir]);
    expect(shown.stdout).toMatch(/Haven's now: \S+ \(virtual, 1 × real time\)/);
  });
});

describe('virtual clock across a restart: clocks fire once, after it (004 §7.5.1)', () => {
  const haven = havenForSuite();

  it('open cases with no contact escalate after a restart, each tier exactly once, and time never goes back', async () => {
    // Prepare: case a has its first tier sent before the restart; case b has nothing due yet.
    const a = await file(haven.url);
    await jump(haven.url, haven.dataDir, '+25h'); // a: first tier before the restart
    const b = await file(haven.url); // b: nothing due before the restart
    const sentBefore = await mailbox(haven.url);
    expect(about(sentBefore, a).map(tierOf)).toEqual([0]);
    expect(about(sentBefore, b)).toEqual([]);
    const nowBefore = await havenNow(haven.url);

    // Act: restart
    expect(await haven.restart(), 'SIGTERM stopped it cleanly').toBe(0);

    // Assess: cases re-planned, time carried on, nothing sent again by the restart itself.
    expect(Number(/open cases re-planned: (\d+)/.exec(haven.stdout())?.[1])).toBeGreaterThanOrEqual(2);
    const nowAfter = await havenNow(haven.url);
    expect(nowAfter.getTime(), 'the virtual clock carries on from the data dir').toBeGreaterThanOrEqual(
      nowBefore.getTime(),
    );
    expect(nowAfter.getTime() - nowBefore.getTime()).toBeLessThan(5 * 60_000);
    await jump(haven.url, haven.dataDir, '+1m'); // the re-planned clocks have woken: a's first tier is past, b's not yet due
    expect(await mailbox(haven.url), 'nothing sent again by the restart itself').toEqual([]);

    // Act: 25 hours on
    const cli = await run(process.execPath, ['--import', 'tsx', 'local/clock.ts', '+25h', '--data-dir', haven.dataDir]);

    // Assess: b's first tier and a's second, once each
    expect(cli.code, cli.stderr).toBe(0);
    const mid = await mailbox(haven.url);
    expect(about(mid, b).map(tierOf), 'b’s 24-hour clock fired after the restart').toEqual([0]);
    expect(about(mid, a).map(tierOf), 'a’s second tier; its first is not sent again').toEqual([1]);

    // Act: three days on
    await jump(haven.url, haven.dataDir, '+3d');

    // Assess: one email per tier to each tier's mailboxes, and no canary anywhere
    const sentAfter = await mailbox(haven.url);
    for (const reference of [a, b]) {
      const all = [...about(sentBefore, reference), ...about(sentAfter, reference)];
      expect(all.map(tierOf).sort(), `${reference}: one email per tier`).toEqual([0, 1, 2]);
      const byTier = Object.fromEntries(all.map((m) => [tierOf(m), m.destination.to.sort()]));
      expect(byTier).toEqual({ 0: [...OM_MAILBOXES.tier0].sort(), 1: OM_MAILBOXES.tier1, 2: OM_MAILBOXES.tier2 });
    }
    const text = JSON.stringify([...sentBefore, ...sentAfter]);
    for (const canary of CANARIES) expect(text, canary).not.toContain(canary);
  });
});

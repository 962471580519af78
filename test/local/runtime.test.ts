import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { havenForSuite } from '../support/runtime.js';

const CANARY = 'CANARY-7f3a-narrative';
const report = (associationId: string, extra: Record<string, unknown> = {}) => ({
  associationId,
  reporterKind: 'victim',
  immediateDanger: false,
  livesInAssociationHome: 'yes',
  narrative: `${CANARY} what happened`,
  ...extra,
});
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('npm start: Haven on one machine', () => {
  const haven = havenForSuite();

  it('GET /health is 200 when dynalite, SES and the workflow engine are up', async () => {
    // Prepare: Haven started (havenForSuite).
    // Act
    const res = await fetch(`${haven.url}/health`);

    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', dynamodb: true, ses: true, workflow: true });
  });

  it('creates the field encryption key file in the data dir on first start, readable by its owner only', () => {
    // Prepare
    const key = join(haven.dataDir, 'field-key.json');

    // Act
    const mode = statSync(key).mode & 0o777;
    const content = JSON.parse(readFileSync(key, 'utf8'));

    // Assess
    expect(mode).toBe(0o600);
    expect(content).toMatchObject({ version: 1 });
  });

  it.each(ASSOCIATION_IDS)(
    'POST /%s/api/reports with a valid report answers 202 and a reference (004 §7.1: every report gets a response)',
    async (id) => {
      // Prepare
      const valid = report(id);

      // Act
      const res = await post(`${haven.url}/${id}/api/reports`, valid);

      // Assess
      expect(res.status).toBe(202);
      const body = (await res.json()) as { reference: string };
      expect(body.reference).toMatch(new RegExp(`^${getAssociation(id).referencePrefix}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
    },
  );

  it('a report for another association is refused by that association’s route (one process, separate handler sets)', async () => {
    // Prepare
    const forAnother = report('one-manchester');

    // Act
    const res = await post(`${haven.url}/wrekin/api/reports`, forAnother);

    // Assess
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('associationId');
  });

  it('a bad report is a 4xx naming the field and never echoing what was typed', async () => {
    // Prepare
    const bad = { ...report('wrekin'), reporterKind: CANARY, narrative: '' };

    // Act
    const res = await post(`${haven.url}/wrekin/api/reports`, bad);

    // Assess
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('reporterKind');
    expect(text).toContain('narrative');
    expect(text).not.toContain(CANARY);
  });

  it('an unknown association or path is 404, a wrong method on a known path 405', async () => {
    // Prepare: Haven started (havenForSuite).
    // Act
    const unknownAssociation = await fetch(`${haven.url}/nowhere/api/reports`, { method: 'POST' });
    const unknownPath = await fetch(`${haven.url}/wrekin/api/nothing`);
    const wrongMethod = await fetch(`${haven.url}/wrekin/api/reports`);

    // Assess
    expect(unknownAssociation.status).toBe(404);
    expect(unknownPath.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
  });

  it('serves the public form and govuk-frontend assets with Cache-Control: no-store and no cookie', async () => {
    // Prepare
    const assets = [
      '/assets/govuk-frontend.min.css',
      '/assets/govuk-frontend.min.js',
      '/assets/haven/haven.mjs',
      '/weather',
    ];

    // Act
    const page = await fetch(`${haven.url}/wrekin/report`);
    const served = await Promise.all(assets.map((asset) => fetch(`${haven.url}${asset}`)));
    const climbing = await fetch(`${haven.url}/assets/haven/..%2F..%2Fpackage.json`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('Exit this page');
    served.forEach((res, i) => {
      expect(res.status, assets[i]).toBe(200);
      expect(res.headers.get('cache-control'), assets[i]).toBe('no-store');
    });
    expect(climbing.status).toBe(404);
  });

  it('the form posts without JavaScript: danger advice server-side, then the confirmation as the answer to the final post, nothing typed', async () => {
    // Prepare: the first step says there is danger; the server answers with the advice and the next step.
    const first = await fetch(`${haven.url}/wrekin/report`, {
      method: 'POST',
      body: new URLSearchParams({ immediateDanger: 'yes' }),
    });
    const next = await first.text();
    expect(first.status).toBe(200);
    expect(next).toContain('press 55');
    const token = /name="formToken" value="([^"]+)"/.exec(next)?.[1] as string;
    const form = new URLSearchParams({
      step: 'check',
      formToken: token,
      immediateDanger: 'yes',
      about: 'someone-else',
      reporterKind: 'third-party',
      livesInAssociationHome: 'yes',
      narrative: CANARY,
      contactMethod: 'unknown',
      reporterContact: 'none',
    });

    // Act
    const sent = await fetch(`${haven.url}/wrekin/report`, { method: 'POST', body: form, redirect: 'manual' });
    const again = await fetch(`${haven.url}/wrekin/report`, { method: 'POST', body: form, redirect: 'manual' });

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.headers.get('location')).toBeNull();
    const done = await sent.text();
    const reference = /<strong>(WHG-[0-9A-Z-]+)<\/strong>/.exec(done)?.[1];
    expect(reference).toBeDefined();
    expect(await again.text(), 'the same form token gives the same reference').toContain(reference as string);
    expect(done).not.toContain(CANARY);
  });

  it('a public path the form does not have is its own 404 page with Exit, never JSON', async () => {
    // Act
    const res = await fetch(`${haven.url}/wrekin/reports-old`);

    // Assess
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Exit this page');
  });

  it("as in AWS, every method on every /report* path is the form's to answer (its 404 page), and no other path is", async () => {
    // Prepare
    const asked = [
      ['POST', '/wrekin/report/x'],
      ['PUT', '/wrekin/report'],
      ['DELETE', '/wrekin/report/x/y'],
      ['POST', '/wrekin/reports-old'],
    ] as const;

    // Act
    const answers = await Promise.all(asked.map(([method, path]) => fetch(`${haven.url}${path}`, { method })));
    const outside = await fetch(`${haven.url}/wrekin/elsewhere`);

    // Assess
    for (const [i, res] of answers.entries()) {
      expect(res.status, asked[i]?.join(' ')).toBe(404);
      expect(res.headers.get('content-type'), asked[i]?.join(' ')).toContain('text/html');
      expect(await res.text(), asked[i]?.join(' ')).toContain('Exit this page');
    }
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).not.toContain('text/html');
  });

  it('staff routes need a token for that association, and pass Cognito’s claims to the handler', async () => {
    // Act and Assess: no token, no call.
    expect((await fetch(`${haven.url}/wrekin/api/cases`)).status).toBe(401);

    // Act: an officer signs in
    const signIn = await fetch(haven.signInLink('wrekin', 'officer'), { redirect: 'manual' });

    // Assess: the cookie holds an ID token with Cognito's claims
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('set-cookie') as string).split(';')[0] as string;
    expect(cookie).toMatch(/^haven_staff=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(signIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const token = cookie.slice('haven_staff='.length);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      'cognito:groups': ['officer'],
      email: 'officer@wrekin.haven.local',
      token_use: 'id',
    });
    expect(typeof claims.sub).toBe('string');
    expect(claims['custom:areas']).toEqual(expect.any(String));
    // Act and Assess: a wrekin token is no key to another association's staff API.
    expect(
      (await fetch(`${haven.url}/one-manchester/api/cases`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    // Act and Assess: a tampered token fails.
    const forged = `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['board'] })).toString('base64url')}.${token.split('.')[2]}`;
    expect(
      (await fetch(`${haven.url}/wrekin/api/cases`, { headers: { authorization: `Bearer ${forged}` } })).status,
    ).toBe(401);
    // Act and Assess: the officer's cookie reaches the cases handler; the board reads figures only.
    const authed = await fetch(`${haven.url}/wrekin/api/cases`, { headers: { cookie } });
    expect(authed.status, `the cases handler read the officer from the claims: ${await authed.clone().text()}`).toBe(
      200,
    );
    const board = await fetch(haven.signInLink('wrekin', 'board'), { redirect: 'manual' });
    const boardCookie = (board.headers.get('set-cookie') as string).split(';')[0] as string;
    expect(
      (await fetch(`${haven.url}/wrekin/api/cases`, { headers: { cookie: boardCookie } })).status,
      'the board sees figures only',
    ).toBe(403);
    expect(
      (
        await fetch(`${haven.url}/wrekin/api/figures?from=2026-01-01&to=2027-01-01`, {
          headers: { cookie: boardCookie },
        })
      ).status,
      'the board reads figures',
    ).toBe(200);
  });

  it('the local mailbox page renders what aws-ses-v2-local holds', async () => {
    // Prepare: Haven started (havenForSuite).
    // Act
    const res = await fetch(`${haven.url}/local/mailbox`);

    // Assess
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/\d+ emails? sent by Haven/);
  });

  it('a restart keeps cases on disk and re-plans the clocks of every open case; SIGTERM stops it cleanly', async () => {
    // Prepare: a case, and the field key as it was
    const key = 'restart-test-key-0001';
    const first = await post(`${haven.url}/connect-housing/api/reports`, report('connect-housing'), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(202);
    const { reference } = (await first.json()) as { reference: string };
    const keyBefore = readFileSync(join(haven.dataDir, 'field-key.json'), 'utf8');

    // Act
    expect(await haven.restart(), 'SIGTERM stopped it cleanly').toBe(0);

    // Assess
    const resumed = Number(/open cases re-planned: (\d+)/.exec(haven.stdout())?.[1]);
    expect(resumed).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(haven.dataDir, 'field-key.json'), 'utf8')).toBe(keyBefore);
    // The same idempotency key finds the stored case: same reference, nothing new created.
    const again = await post(`${haven.url}/connect-housing/api/reports`, report('connect-housing'), {
      'idempotency-key': key,
    });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { reference: string }).reference).toBe(reference);
    expect((await fetch(`${haven.url}/health`)).status).toBe(200);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';
import { controlKey, havenNow, run } from './clock-client.js';

const DAY = 86_400_000;
const LIMIT = '2 years (730 days)';

/** The virtual instant the data dir's clock file holds (what a restart carries on from). */
const savedClock = (dataDir: string): string =>
  (JSON.parse(readFileSync(join(dataDir, 'virtual-clock.json'), 'utf8')) as { virtualNow: string }).virtualNow;

/** POST /local/clock as `npm run clock` does it, whatever the answer. */
async function post(url: string, dataDir: string, body: Record<string, string>) {
  const res = await fetch(`${url}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-haven-local-key': controlKey(dataDir) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; fields?: { field: string }[] } };
}

const clockCli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'local/clock.ts', ...args, '--data-dir', dataDir]);

describe('controllable clock: a jump moves it at most two years at once', () => {
  // Still between jumps, so the saved clock can only move by a jump.
  const haven = havenForSuite({ HAVEN_SPEED: '0' });

  it('npm run clock -- +999999w is refused at once with the limit named; Haven’s clock and the saved clock are unchanged', async () => {
    // Prepare
    const before = await havenNow(haven.url);
    const saved = savedClock(haven.dataDir);

    // Act
    const out = await clockCli(haven.dataDir, '+999999w');

    // Assess
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`the jump +999999w must not move the clock more than ${LIMIT} at once`);
    expect(out.stdout).not.toContain('Moved on');
    expect(await havenNow(haven.url)).toEqual(before);
    expect(savedClock(haven.dataDir)).toBe(saved);
  });

  it('the control endpoint refuses a jump past the limit, by a duration or to an instant, naming the field and the limit, before anything moves', async () => {
    // Prepare
    const before = await havenNow(haven.url);
    const saved = savedClock(haven.dataDir);
    const instant = new Date(before.getTime() + 731 * DAY).toISOString();

    // Act
    const byWeeks = await post(haven.url, haven.dataDir, { by: '+999999w' });
    const byDays = await post(haven.url, haven.dataDir, { by: '+731d' });
    const toInstant = await post(haven.url, haven.dataDir, { to: instant });
    const cliTo = await clockCli(haven.dataDir, '--to', instant);

    // Assess
    for (const [answer, field] of [
      [byWeeks, 'by'],
      [byDays, 'by'],
      [toInstant, 'to'],
    ] as const) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe(
        `${field} must not move the clock more than ${LIMIT} at once: jump in steps of up to 2 years`,
      );
      expect(answer.body.fields?.map((f) => f.field)).toEqual([field]);
    }
    expect(cliTo.code).toBe(1);
    expect(cliTo.stderr).toContain(`to must not move the clock more than ${LIMIT} at once`);
    expect(await havenNow(haven.url)).toEqual(before);
    expect(savedClock(haven.dataDir)).toBe(saved);
  });

  it('a jump inside the limit moves the clock and the saved clock with it', async () => {
    // Prepare
    const before = await havenNow(haven.url);

    // Act
    const out = await clockCli(haven.dataDir, '+1w');

    // Assess
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Moved on 168 hours/);
    const now = await havenNow(haven.url);
    expect(now.getTime() - before.getTime()).toBe(7 * DAY);
    expect(savedClock(haven.dataDir)).toBe(now.toISOString());
  });
});

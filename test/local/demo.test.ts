import { describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';
import { mailbox, run, staffToken } from './clock-client.js';

/** The fictional names and streets local/demo.ts files: they must never be printed or emailed. */
const DEMO_PEOPLE = ['Alex Example', 'Sam Placeholder', 'Jo Fictional', 'Example Street', 'Sample Road', '07700 900'];

describe('npm run demo: fictional cases, staff actions and escalations in every clock state', () => {
  const haven = havenForSuite();

  it('completes within a minute, fills the mailbox with escalations and leaves clocks due later, due soon, overdue, met and closed', async () => {
    // Prepare: a running Haven on the virtual clock (havenForSuite).
    // Act
    const out = await run(
      'npm',
      ['run', '--silent', 'demo', '--', '--url', haven.url, '--data-dir', haven.dataDir],
      {},
      60_000,
    );

    // Assess: it ran in time, and every clock state and association is shown.
    expect(out.code, out.stderr).toBe(0);
    expect(out.ms).toBeLessThan(60_000);
    const states = [
      ...out.stdout.matchAll(
        /^ {2}([A-Z]{2,4}-[0-9A-Z]{4}-[0-9A-Z]{4}) +([a-z0-9-]+) +(due later|due soon|overdue|met|closed) /gm,
      ),
    ];
    expect(new Set(states.map((m) => m[3]))).toEqual(new Set(['due later', 'due soon', 'overdue', 'met', 'closed']));
    expect(new Set(states.map((m) => m[2])), 'every association has a case').toEqual(
      new Set(['connect-housing', 'housing-21', 'one-manchester', 'sada-herts', 'wrekin']),
    );

    // Assess: the mailbox holds every tier of a 24-hour clock (the first, then escalations 2 and 3).
    const emails = await mailbox(haven.url);
    const escalations = emails.filter((m) => /^(Still )?overdue/i.test(m.subject));
    expect(escalations.length).toBeGreaterThanOrEqual(10);
    expect(escalations.some((m) => m.subject.startsWith('Overdue:'))).toBe(true);
    expect(escalations.some((m) => m.subject.includes('(escalation 3)'))).toBe(true);
    const overdueRefs = states.filter((m) => m[3] === 'overdue').map((m) => m[1] as string);
    for (const ref of overdueRefs)
      expect(
        escalations.some((m) => m.subject.includes(ref)),
        ref,
      ).toBe(true);

    // Assess: the staff API agrees: One Manchester's caseload holds overdue and not-yet-due cases.
    const token = await staffToken(haven.url, haven.dataDir, 'one-manchester', 'manager');
    const list = (await (
      await fetch(`${haven.url}/one-manchester/api/cases`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { reference: string; overdue: boolean }[] };
    const byRef = new Map(list.items.map((i) => [i.reference, i.overdue]));
    for (const m of states.filter((s) => s[2] === 'one-manchester')) {
      if (m[3] === 'overdue') expect(byRef.get(m[1] as string), m[1]).toBe(true);
      if (m[3] === 'due soon') expect(byRef.get(m[1] as string), m[1]).toBe(false);
    }

    // Assess: no fictional name or street is ever printed or emailed.
    const printed = out.stdout + out.stderr + JSON.stringify(emails);
    for (const p of DEMO_PEOPLE) expect(printed, p).not.toContain(p);
  });
});

/**
 * The safe-contact plan versions in the case store (004 §7.3): sealed with the case, kept across
 * writes, and read for a case stored before they were kept as the one its report gave (version 1),
 * even from a report written before the safe-contact fields it lacks existed. Nothing is migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactAllowed } from '../../functions/core/contact-allowed.js';
import { contactPlanInputSchema, currentPlan, nextPlanVersion } from '../../functions/core/contact-plan.js';
import type { Report } from '../../functions/core/report.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository, type TestRepository } from './case-fixtures.js';

let t: TestRepository;
let table: TestTable;
beforeAll(async () => {
  t = await startTestRepository();
  table = t.table;
});
afterAll(async () => table.stop());

describe('004 §7.3: plan versions in the case store', () => {
  it('a report stored before plans (no windows, mayIdentifyUs or mayBeWatched in it) reads as version 1 with those at their defaults', async () => {
    // Prepare: the safe contact as an older report held it
    const r = report({ safeContact: { method: 'text', phone: '07700 900321' } as never });
    const { windows: _w, mayIdentifyUs: _i, mayBeWatched: _b, ...older } = r.safeContact;
    const old = { ...r, safeContact: older } as unknown as Report;
    const { caseId } = await t.repo.createCase(newCase(t.crypto, old, { reportedAt: '2026-11-20T09:00:00.000Z' }));
    // Act
    const stored = await t.repo.getCase(caseId, 'system');
    // Assess
    expect(stored.contactPlans).toEqual([
      {
        version: 1,
        agreedWith: 'victim',
        agreedAt: '2026-11-20T09:00:00.000Z',
        recordedAt: '2026-11-20T09:00:00.000Z',
        recordedBy: 'report',
        source: 'report',
        noDirectContact: false,
        ways: [
          {
            way: 'text',
            phone: '07700 900321',
            windows: [],
            voicemailSafe: false,
            mayIdentifyUs: false,
            mayBeWatched: false,
          },
        ],
      },
    ]);
    expect(contactAllowed(currentPlan(stored.contactPlans), 'text', new Date('2026-11-25T10:00:00Z')).allowed).toBe(
      true,
    );
  });

  it('versions written with the case come back in order, and a later write that does not touch them keeps them', async () => {
    // Prepare
    const r = report({ safeContact: { method: 'in-person' } as never });
    const input = newCase(t.crypto, r);
    const { caseId } = await t.repo.createCase(input);
    const first = await t.repo.getCase(caseId, 'system');
    const v2 = nextPlanVersion(
      first.contactPlans,
      contactPlanInputSchema.parse({ agreedWith: 'victim', noDirectContact: true }),
      { at: '2026-11-25T10:00:00.000Z', by: 'officer-1' },
    );
    // Act
    await t.repo.updateCase(caseId, 1, (c) => ({ ...c, contactPlans: [...c.contactPlans, v2] }));
    await t.repo.updateCase(caseId, 2, (c) => ({ ...c, state: { ...c.state, closureDiscussedWithVictim: true } }));
    const back = await t.repo.getCase(caseId, 'system');
    // Assess
    expect(back.contactPlans.map((p) => [p.version, p.source, p.noDirectContact])).toEqual([
      [1, 'report', false],
      [2, 'staff', true],
    ]);
    expect(currentPlan(back.contactPlans)?.version).toBe(2);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { newCaseIdentity } from '../../functions/adapters/store/index.js';
import { factsFromReport, newCaseState } from '../../functions/core/case.js';
import { reportSchema } from '../../functions/core/report.js';
import { type Harness, report, startHarness } from '../handlers/harness.js';

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.stop();
});

describe("references: each association's configured prefix (config referencePrefix)", () => {
  it.each(ASSOCIATION_IDS)(
    'a report to %s gets a reference that starts with its prefix, and the case is found by it',
    async (id) => {
      // Prepare
      const config = getAssociation(id);
      const h = await startHarness(id);
      harnesses.push(h);
      const input = reportSchema.parse(report({ associationId: id, area: config.areas[0]?.id }));
      // Act
      const result = await submitReport(h.deps, input, `references-${id}-0001`, h.clock.now);
      // Assess
      expect(result.reference).toMatch(new RegExp(`^${config.referencePrefix}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
      expect((await h.cases.findCaseByReference(result.reference))?.caseId).toBe(result.caseId);
    },
  );

  it('the five prefixes differ, so a reference says whose case it is', () => {
    // Act
    const prefixes = ASSOCIATION_IDS.map((id) => newCaseIdentity(getAssociation(id).referencePrefix).reference);
    // Assess
    expect(ASSOCIATION_IDS).toHaveLength(5);
    expect(new Set(prefixes.map((r) => r.split('-')[0])).size).toBe(5);
  });

  it('the store refuses a new case without the id and reference its caller made', async () => {
    // Prepare
    const h = await startHarness('wrekin');
    harnesses.push(h);
    const r = reportSchema.parse(report({ associationId: 'wrekin', area: 'shropshire' }));
    const state = newCaseState({
      id: '',
      reference: '',
      associationId: 'wrekin',
      status: 'open',
      reportedAt: h.clock.now.toISOString(),
      facts: factsFromReport(r),
    });
    // Act
    const create = h.cases.createCase({ state, report: r, idempotencyKey: 'no-identity-0001' });
    // Assess
    await expect(create).rejects.toThrow(/needs its id and reference/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ContactPlanVersion,
  contactPlanInputSchema,
  currentPlan,
  nextPlanVersion,
  planFromReport,
  safeContactStanding,
} from '../../functions/core/contact-plan.js';
import { describeWindows } from '../../functions/core/contact-window.js';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';

const AT = '2026-03-03T10:00:00.000Z';
const report = (over: Partial<ReportInput>) =>
  reportSchema.parse({
    associationId: 'wrekin',
    reporterKind: 'victim',
    immediateDanger: false,
    livesInAssociationHome: 'yes',
    narrative: 'what happened',
    ...over,
  });
const version = (v: number, agreedWith: ContactPlanVersion['agreedWith'], agreedAt: string): ContactPlanVersion => ({
  version: v,
  noDirectContact: false,
  ways: [],
  agreedWith,
  agreedAt,
  recordedAt: agreedAt,
  recordedBy: 'officer-1',
  source: 'staff',
});

describe('004 §7.3: the safe-contact plan as versions', () => {
  it("004 §7.3: a victim's own report gives version 1, agreed with the victim, with its safe times", () => {
    // Prepare
    const r = report({
      safeContact: {
        method: 'text',
        phone: '07700 900123',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:00' }],
      },
    });
    // Act
    const plan = planFromReport(r, AT);
    // Assess
    expect(plan).toMatchObject({ version: 1, agreedWith: 'victim', source: 'report', noDirectContact: false });
    expect(plan.ways.map((w) => [w.way, w.phone])).toEqual([['text', '07700 900123']]);
    expect(describeWindows(plan.ways[0]?.windows ?? [])).toBe('weekdays, 9am to midday');
  });

  it("004 §7.3: a neighbour's report gives what they know, agreed with the reporter, never the victim", () => {
    // Prepare
    const r = report({ reporterKind: 'third-party', reporter: { contact: { method: 'none' } } });
    // Act
    const plan = planFromReport(r, AT);
    // Assess: the neighbour's "do not contact me" says nothing of the victim: no safe way is known yet
    expect(plan).toMatchObject({ agreedWith: 'reporter', noDirectContact: false, ways: [] });
    expect(safeContactStanding(plan)).toBe('none-known');
  });

  it('004 §7.3: "do not contact" from the victim is no direct contact; "letters safe" adds a letter way', () => {
    // Act
    const none = planFromReport(report({ safeContact: { noContact: true } }), AT);
    const withLetter = planFromReport(
      report({
        person: { address: '1 Road' },
        safeContact: { method: 'phone', phone: '07700 900123', letterSafe: true },
      }),
      AT,
    );
    // Assess
    expect(none).toMatchObject({ noDirectContact: true, ways: [] });
    expect(safeContactStanding(none)).toBe('no-direct-contact');
    expect(safeContactStanding(withLetter)).toBe('known');
    expect(withLetter.ways.map((w) => w.way)).toEqual(['phone', 'letter']);
  });

  it("004 §7.3: the victim's latest word wins over a later version from someone else", () => {
    // Prepare
    const versions = [
      version(1, 'reporter', '2026-03-01T10:00:00Z'),
      version(2, 'victim', '2026-03-02T10:00:00Z'),
      version(3, 'agency', '2026-03-03T10:00:00Z'),
    ];
    // Act
    const withVictim = currentPlan(versions);
    const withoutVictim = currentPlan([versions[0], versions[2]].filter((v) => v !== undefined));
    // Assess
    expect(withVictim?.version).toBe(2);
    expect(withoutVictim?.version).toBe(3);
    expect(currentPlan([])).toBeUndefined();
  });

  it('004 §7.3: a newly agreed plan is the next version, recorded by the officer', () => {
    // Prepare
    const input = contactPlanInputSchema.parse({
      ways: [{ way: 'email', email: 'safe@example.org' }],
      agreedWith: 'victim',
    });
    // Act
    const next = nextPlanVersion([version(1, 'reporter', AT), version(4, 'victim', AT)], input, {
      at: '2026-03-05T10:00:00.000Z',
      by: 'officer-2',
    });
    // Assess
    expect(next).toMatchObject({
      version: 5,
      agreedAt: '2026-03-05T10:00:00.000Z',
      recordedBy: 'officer-2',
      source: 'staff',
    });
  });
});

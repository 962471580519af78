import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { homeKeys } from '../../functions/adapters/link-keys.js';
import { contactPlanInputSchema, nextPlanVersion, planFromReport } from '../../functions/core/contact-plan.js';
import { defined } from '../support/defined.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository, testRepository } from './case-fixtures.js';

// Every personal field gets its own canary; none may appear in any raw item of the table.
const CANARY = {
  name: 'CanaryNameQuokka',
  address: '99 CanaryAddressLane, Telford TF9 9ZZ',
  propertyReference: 'CANARYPROP42',
  dob: '1977-07-07',
  narrative: 'CanaryNarrativeWombat hit me',
  phone: '07700 911911',
  email: 'canary.email@example.org',
  safeTimes: 'CanarySafeTimesAfterSix',
  codeWord: 'CanaryCodeWordPelican',
  reporterName: 'CanaryReporterName',
  note: 'CanaryNoteBadger',
  consentReason: 'CanaryConsentReasonOtter',
  dash: 'CanaryDashAnswerLynx',
  plan: 'CanarySafetyStepHeron',
  contact: 'CanaryKeyContactIbis',
  accessibility: 'CanaryAccessibilityNeed',
  planNotes: 'CanaryPlanNotesAfterSchool',
  agency: 'CanaryAgencyKestrel',
};
const NEEDLES = [
  ...Object.values(CANARY),
  '07700911911',
  'CANARYPROP',
  'canaryaddresslane',
  'canarynamequokka',
  'quokka',
  'tf9 9zz',
  'TF99ZZ',
];

let table: TestTable;
let crypto: FieldCrypto;

beforeAll(async () => ({ table, crypto } = await startTestRepository()));
afterAll(async () => table.stop());

describe('personal data is encrypted before DynamoDB (CONTRIBUTING: canary strings)', () => {
  it('no canary appears in clear in any raw item after create, update, events, reads, links and markers', async () => {
    // Prepare
    const repo = testRepository(table, crypto);
    const r = report({
      reporterKind: 'third-party',
      narrative: CANARY.narrative,
      person: {
        name: CANARY.name,
        address: CANARY.address,
        propertyReference: CANARY.propertyReference,
        dateOfBirth: CANARY.dob,
      },
      reporter: { name: CANARY.reporterName, phone: CANARY.phone, email: CANARY.email },
      safeContact: {
        method: 'phone',
        phone: CANARY.phone,
        email: CANARY.email,
        safeTimes: CANARY.safeTimes,
        codeWord: CANARY.codeWord,
        voicemailSafe: false,
        letterSafe: false,
      },
      needs: { accessibility: CANARY.accessibility, interpreter: false, sameGenderOfficer: false },
    });
    const input = newCase(crypto, r, { idempotencyKey: 'canary-idempotency' });
    input.dashAnswers = { q1: 'yes', q24: CANARY.dash };
    input.contactPlans = [planFromReport(r, input.state.reportedAt)];
    const staff = { sub: 'officer-1', role: 'case-officer' };

    // Act: every kind of write, and a staff read
    const { caseId } = await repo.createCase(input);
    await repo.updateCase(
      caseId,
      1,
      (c) => ({
        ...c,
        notes: [{ id: 'n1', at: '2026-11-25T11:00:00.000Z', by: 'officer-1', text: CANARY.note }],
        contactPlans: [
          ...c.contactPlans,
          nextPlanVersion(
            c.contactPlans,
            contactPlanInputSchema.parse({
              agreedWith: 'victim',
              ways: [
                { way: 'email', email: CANARY.email },
                { way: 'agency', agency: CANARY.agency },
              ],
              codeWord: CANARY.codeWord,
              notes: CANARY.planNotes,
            }),
            { at: '2026-11-25T11:00:00.000Z', by: 'officer-1' },
          ),
        ],
        safetyPlan: {
          steps: [{ text: CANARY.plan }],
          keyContacts: [{ name: CANARY.contact, phone: CANARY.phone, mayShare: ['address'] }],
          updatedAt: '2026-11-25T11:00:00.000Z',
          updatedBy: 'officer-1',
        },
        state: {
          ...c.state,
          consents: [
            {
              duty: 'marac-referral',
              decision: 'overridden',
              basis: 'marac-threshold',
              reason: CANARY.consentReason,
              at: '2026-11-25T11:00:00.000Z',
              by: 'officer-1',
            },
          ],
          facts: { ...c.state.facts, riskToStaff: true },
        },
      }),
      [
        {
          type: 'consent-overridden',
          at: '2026-11-25T11:00:00.000Z',
          actor: staff,
          duty: 'marac-referral',
          details: { basis: 'marac-threshold', reason: CANARY.consentReason },
        },
        { type: 'note-added', at: '2026-11-25T11:00:00.000Z', actor: staff, details: { text: CANARY.note } },
      ],
    );
    await repo.getCase(caseId, staff);
    await repo.setHomeMarker(homeKeys(defined(input.linkKeys, 'the link keys of the new case')), {
      setBy: 'officer-1',
      sourceCaseId: caseId,
    });

    // Assess: the round trip still gives everything back to a reader with the key…
    const back = await repo.getCase(caseId, staff);
    expect(back.report.person.name).toBe(CANARY.name);
    expect(back.safetyPlan?.keyContacts[0]?.name).toBe(CANARY.contact);
    expect(back.dashAnswers).toEqual({ q1: 'yes', q24: CANARY.dash });
    expect(back.contactPlans.map((p) => [p.version, p.ways.map((w) => w.email ?? w.phone ?? w.agency)])).toEqual([
      [1, [CANARY.phone]],
      [2, [CANARY.email, CANARY.agency]],
    ]);
    expect(back.markers).toHaveLength(1);

    // …while the table itself, read raw as an export would, holds none of it.
    const raw = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    const items = raw.Items ?? [];
    expect(items.map((i) => i.itemType).sort()).toEqual(
      expect.arrayContaining(['case', 'event', 'idempotency', 'link', 'marker']),
    );
    const dump = JSON.stringify(items).toLowerCase();
    for (const needle of NEEDLES)
      expect(dump, `canary in clear: ${needle.slice(0, 6)}…`).not.toContain(needle.toLowerCase());
    // The idempotency key is stored only as a hash too.
    expect(dump).not.toContain('canary-idempotency');
  });
});

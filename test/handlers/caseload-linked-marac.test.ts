/**
 * SafeLives, 000, 004 §10: the caseload's repeat-MARAC flag counts a linked case's MARAC referral
 * only for a reader who may see that case, as the case view does, so a caseload row never says
 * "Repeat MARAC" because of a case in an area its reader may not see, and row and view agree. An
 * item written before the linked case's place was kept counts its referral only for a reader who
 * sees every case.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { keys } from '../../functions/contract/table-layout.js';
import {
  apiEvent,
  type Claims,
  call,
  dashAnswers,
  type Harness,
  LEAD,
  MANAGER,
  startHandlerHarness,
} from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler, 'connect-housing')));
afterAll(() => h.stop());

const KIRKLEES_OFFICER: Claims = {
  sub: 'officer-k',
  email: 'officer-k@example.org',
  'cognito:groups': '[officer]',
  'custom:areas': 'kirklees',
};
const HOME = { name: 'Alex Example', address: '12 Mill Lane, Huddersfield HD1 2AB' };

/** A day on, then a connect-housing case in `area` at HOME; answers its id. */
const caseIn = (area: string) => {
  h.clock.now = new Date(h.clock.now.getTime() + 86_400_000);
  return h.newCase({ associationId: 'connect-housing', area, person: HOME as never });
};
const command = (id: string, path: string, body: unknown, version: number) => {
  h.clock.now = new Date(h.clock.now.getTime() + 60_000);
  return call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: MANAGER, headers: { 'if-match': `"${version}"` } }),
  );
};
/** Scores the case high risk and refers it to MARAC (versions 1 to 4). */
async function referToMarac(id: string) {
  expect((await command(id, 'dash', dashAnswers(3, 'strangulation'), 1)).status).toBe(200);
  const override = { duty: 'marac-referral', decision: 'overridden', basis: 'marac-threshold', reason: 'High risk' };
  expect((await command(id, 'consent', override, 2)).status).toBe(200);
  expect((await command(id, 'referrals', { duty: 'marac-referral' }, 3)).status).toBe(200);
}
/** The repeat-MARAC flag of case `id` as `claims` reads it in the Kirklees caseload and in the case view. */
async function repeatMaracOf(id: string, claims: Claims) {
  const list = await call(handler, apiEvent('GET', '/api/cases', { claims, query: { area: 'kirklees' } }));
  const view = await call(handler, apiEvent('GET', `/api/cases/${id}`, { claims }));
  expect(list.status).toBe(200);
  expect(view.status).toBe(200);
  const row = (list.body.items as { caseId: string; flags: { repeatMarac?: boolean } }[]).find((i) => i.caseId === id);
  return { caseload: row?.flags.repeatMarac, view: view.body.flags.repeatMarac as boolean };
}

describe('SafeLives, 000: the caseload counts the MARAC referrals of the linked cases its reader may see', () => {
  let kirklees: string;
  beforeAll(async () => {
    // The Leeds case at the home is referred first; then the Kirklees case, whose only earlier referral is the Leeds one.
    const leeds = await caseIn('leeds');
    await referToMarac(leeds);
    kirklees = await caseIn('kirklees');
    await referToMarac(kirklees);
  });

  it('SafeLives: a Kirklees officer, who may not see the Leeds case, sees no repeat-MARAC flag in the caseload or the case view', async () => {
    // Act
    const flag = await repeatMaracOf(kirklees, KIRKLEES_OFFICER);

    // Assess
    expect(flag).toEqual({ caseload: false, view: false });
  });

  it.each([
    ['manager', MANAGER],
    ['safeguarding lead', LEAD],
  ])(
    'SafeLives: a %s, who may see both cases, sees the repeat-MARAC flag in the caseload and the case view',
    async (_who, claims) => {
      // Act
      const flag = await repeatMaracOf(kirklees, claims);

      // Assess
      expect(flag).toEqual({ caseload: true, view: true });
    },
  );

  it('SafeLives: an item written before the place was kept (plain instants) flags a repeat for a manager only', async () => {
    // Prepare: the item's linked referrals as they were stored before, plain instants.
    const key = { TableName: h.table.tableName, Key: keys.case(kirklees) };
    const stored = await h.cases.getSummary(kirklees);
    const linked = (stored?.worklist?.linkedMaracReferrals ?? []).map((r) => r.at);
    expect(linked).toHaveLength(1);
    await h.table.client.send(
      new UpdateCommand({
        ...key,
        UpdateExpression: 'SET worklist.linkedMaracReferrals = :old',
        ExpressionAttributeValues: { ':old': linked },
      }),
    );

    // Act
    const [officer, manager] = [
      await repeatMaracOf(kirklees, KIRKLEES_OFFICER),
      await repeatMaracOf(kirklees, MANAGER),
    ];

    // Assess
    expect(officer.caseload).toBe(false);
    expect(manager.caseload).toBe(true);
  });
});

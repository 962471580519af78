/**
 * SafeLives MARAC practice with 002 §6: a referral is a repeat when made within 12 months of an
 * earlier referral of the same victim or home, on this case or another one; a case's own first
 * referral, with none before it, is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, call, dashAnswers, type Harness, MANAGER, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

const read = async (id: string) => (await call(handler, apiEvent('GET', `/api/cases/${id}`, { claims: MANAGER }))).body;
const command = (id: string, path: string, body: unknown, version: number) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: MANAGER, headers: { 'if-match': `"${version}"` } }),
  );
const override = { duty: 'marac-referral', decision: 'overridden', basis: 'marac-threshold', reason: 'High risk' };

/** A high-risk case at `address`, with its MARAC referral made when `refer` is set; answers its id. */
async function highRiskCase(address: string, refer: boolean) {
  const id = await h.newCase({ person: { name: 'Kim Example', address } as never });
  expect((await command(id, 'dash', dashAnswers(3, 'strangulation'), 1)).status).toBe(200);
  expect((await command(id, 'consent', override, 2)).status).toBe(200);
  if (refer) expect((await command(id, 'referrals', { duty: 'marac-referral' }, 3)).status).toBe(200);
  return id;
}
/** The caseload row of case `id`, as GET /api/cases lists it (from the clear work-queue facts). */
async function caseloadRow(id: string) {
  const res = await call(handler, apiEvent('GET', '/api/cases', { claims: MANAGER }));
  expect(res.status).toBe(200);
  const row = (res.body.items as { caseId: string; flags: { repeatMarac?: boolean } }[]).find((i) => i.caseId === id);
  expect(row, 'the case is on the caseload').toBeDefined();
  return row;
}
const days = (n: number) => {
  h.clock.now = new Date(h.clock.now.getTime() + n * 86_400_000);
};

describe('SafeLives, 002 §6: repeat MARAC referrals', () => {
  it("SafeLives: a case's own first referral is not a repeat; a second within 12 months is", async () => {
    // Prepare
    const id = await highRiskCase('3 Hope Street, Manchester M1 1AA', true);
    // Act
    const first = await read(id);
    days(30);
    expect((await command(id, 'referrals', { duty: 'marac-referral' }, 4)).status).toBe(200);
    const second = await read(id);
    // Assess
    expect(first.maracReferrals).toHaveLength(1);
    expect(first.flags).toMatchObject({ repeatMarac: false, maracWouldRepeat: true });
    expect(second.maracReferrals).toHaveLength(2);
    expect(second.flags.repeatMarac).toBe(true);
  });

  it('SafeLives: a later case at the same home is a repeat on its own first referral; a case at another home is not', async () => {
    // Prepare
    await highRiskCase('9 Rose Avenue, Manchester M2 2BB', true);
    days(60);
    const sameHome = await highRiskCase('9 Rose Avenue, Manchester M2 2BB', false);
    const otherHome = await highRiskCase('15 Oak Road, Manchester M3 3CC', false);
    // Act
    const before = await read(sameHome);
    await command(sameHome, 'referrals', { duty: 'marac-referral' }, 3);
    await command(otherHome, 'referrals', { duty: 'marac-referral' }, 3);
    const [after, other] = [await read(sameHome), await read(otherHome)];
    // Assess
    expect(before.flags).toMatchObject({ repeatMarac: false, maracWouldRepeat: true });
    expect(before.linkedCases[0].maracReferrals).toHaveLength(1);
    expect(after.flags.repeatMarac).toBe(true);
    expect(other.flags).toMatchObject({ repeatMarac: false, maracWouldRepeat: true });
    expect(other.linkedCases).toEqual([]);
  });
});

describe('SafeLives, 002 §6: the caseload flags a repeat MARAC case by the one rule the case view applies', () => {
  it("SafeLives: own referral yesterday and a linked case's referral 3 months ago: the caseload row says repeat, like the case view", async () => {
    // Prepare
    await highRiskCase('21 Elm Close, Manchester M4 4DD', true);
    days(90);
    const later = await highRiskCase('21 Elm Close, Manchester M4 4DD', true);
    days(1);
    // Act
    const [view, row] = [await read(later), await caseloadRow(later)];
    // Assess
    expect(view.flags.repeatMarac).toBe(true);
    expect(row?.flags.repeatMarac).toBe(true);
  });

  it('SafeLives: a repeat made in 2024 shows on the caseload in 2026 as the case page shows it', async () => {
    // Prepare
    h.clock.now = new Date('2024-03-01T10:00:00Z');
    const id = await highRiskCase('5 Birch Lane, Manchester M5 5EE', true);
    days(30);
    expect((await command(id, 'referrals', { duty: 'marac-referral' }, 4)).status).toBe(200);
    h.clock.now = new Date('2026-11-02T10:00:00Z');
    // Act
    const [view, row] = [await read(id), await caseloadRow(id)];
    // Assess
    expect(view.flags.repeatMarac).toBe(true);
    expect(row?.flags.repeatMarac).toBe(view.flags.repeatMarac);
  });

  it('SafeLives: a first referral with no earlier one of the victim or home is not a repeat on the caseload either', async () => {
    // Prepare
    const id = await highRiskCase('8 Ash Grove, Manchester M6 6FF', true);
    // Act
    const [view, row] = [await read(id), await caseloadRow(id)];
    // Assess
    expect(view.flags.repeatMarac).toBe(false);
    expect(row?.flags.repeatMarac).toBe(false);
  });
});

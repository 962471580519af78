/**
 * The staff-safety marker (002 §6: "Record a marker … if there is risk to colleagues visiting a
 * property"): recording the duty done puts the marker on the home, and every later case at that
 * address shows it to staff, not a case at another home, and never the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { createHandler as createIntake } from '../../functions/intake/handler.js';
import { apiEvent, call, type Harness, MANAGER, report, startHandlerHarness } from './harness.js';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler, 'connect-housing')));
afterAll(() => h.stop());

const HOME = { name: 'Sam Example', address: '12 Mill Lane, Dewsbury WF13 1AA' };
const OTHER_HOME = { name: 'Jo Example', address: '40 Station Road, Batley WF17 5AB' };
const connectCase = (person: Record<string, string>) =>
  h.newCase({ associationId: 'connect-housing', area: 'kirklees', person: person as never });
const read = (id: string) => call(handler, apiEvent('GET', `/api/cases/${id}`, { claims: MANAGER }));
const command = (id: string, path: string, body: unknown, version: number) =>
  call(
    handler,
    apiEvent('POST', `/api/cases/${id}/${path}`, { body, claims: MANAGER, headers: { 'if-match': `"${version}"` } }),
  );

/** A case at `person`'s home with risk to colleagues recorded and the marker duty done. */
async function markedCase(person: Record<string, string>) {
  const id = await connectCase(person);
  const facts = await command(id, 'facts', { riskToStaff: true }, 1);
  const done = await command(id, 'actions/staff-safety-marker', { outcome: 'done' }, facts.body.version);
  return { id, done };
}

describe('002 §6: the staff-safety marker lands on the home and shows on every case there', () => {
  it('002 §6: the marker set on one case shows on a later case at the same home, and not on a case at another home', async () => {
    // Prepare
    const { id: first, done } = await markedCase(HOME);
    h.clock.now = new Date(h.clock.now.getTime() + 86_400_000);
    // The later report writes the address its own way: the same home all the same.
    const later = await connectCase({ name: 'A Visitor', address: '12, Mill Lane DEWSBURY wf131aa' });
    const elsewhere = await connectCase(OTHER_HOME);
    // Act
    const [laterView, elsewhereView, firstView] = await Promise.all([read(later), read(elsewhere), read(first)]);
    // Assess
    expect(done.status).toBe(200);
    expect(laterView.body.markers).toEqual([
      expect.objectContaining({ kind: 'staff-safety', active: true, setBy: MANAGER.sub, sourceCaseId: first }),
    ]);
    expect(elsewhereView.body.markers).toEqual([]);
    expect(firstView.body.markers).toHaveLength(1);
    expect(firstView.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['action-done', 'home-marker-set']),
    );
  });

  it('002 §6: a case with no address or property reference has no home to mark: the duty is refused as done, naming it', async () => {
    // Prepare
    const id = await connectCase({ name: 'No Address' });
    const facts = await command(id, 'facts', { riskToStaff: true }, 1);
    // Act
    const refused = await command(id, 'actions/staff-safety-marker', { outcome: 'done' }, facts.body.version);
    const view = await read(id);
    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.fields[0]).toMatchObject({ field: 'duty', problem: expect.stringMatching(/no address/) });
    expect(view.body.requiredActions.find((a: { duty: string }) => a.duty === 'staff-safety-marker').status).toBe(
      'open',
    );
    expect(view.body.version).toBe(facts.body.version);
  });

  it('002 §6: a report about a marked home gets no word of the marker: the public answer is the reference and advice only', async () => {
    // Prepare
    await markedCase({ name: 'Marked Home', address: '7 Canal Street, Mirfield WF14 8AA' });
    const intake = createIntake(h.deps);
    const body = report({
      associationId: 'connect-housing',
      area: 'kirklees',
      person: { address: '7 Canal Street, Mirfield WF14 8AA' } as never,
    });
    // Act
    const res = await call(
      intake,
      apiEvent('POST', '/api/reports', { body, headers: { 'idempotency-key': 'marked-home-report-0001' } }),
    );
    // Assess
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['advice', 'reference']);
    expect(res.raw).not.toMatch(/marker|staff-safety|colleague/i);
  });
});

/**
 * A case that opens again gets its lifecycle back: a closed case reopened by a new incident, and a
 * signposted record made a case (facts resident: true), through the real cases handler. Their first
 * execution has ended (SFN never reuses its name), so a fresh one runs under the next continuation
 * name, its clocks fire and a breach escalates. Real ASL, real handlers, dynalite, virtual time.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Deps } from '../../functions/adapters/deps.js';
import { lifecycleExecutionName } from '../../functions/adapters/workflow.js';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, call, MANAGER } from '../handlers/harness.js';
import { defined } from '../support/defined.js';
import { type Bench, DAY, HOUR, lifecycleRunsOf, startBench } from './harness.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench(new Date('2026-06-01T09:00:00Z')); // a Monday, no bank holiday near
}, 30_000);
afterAll(async () => bench?.stop());

const lifecycleRuns = (caseId: string) => lifecycleRunsOf(bench, caseId);
const runningClocks = (caseId: string) =>
  bench.engine.executions().filter((e) => e.machine === 'clock' && e.input.caseId === caseId && e.status === 'RUNNING');
const breaches = async (reference: string) =>
  (await bench.emails(reference)).filter((m) => m.subject.includes(' on case'));

/** Runs one staff command through the real cases handler, as of the engine's clock, then lets the lifecycle run. */
async function command(associationId: string, caseId: string, path: string, body: unknown) {
  const cases = defined(bench.repos.get(associationId), `the repository of ${associationId}`);
  const deps: Deps = {
    config: getAssociation(associationId),
    cases,
    workflow: bench.engine.workflowClient,
    hmac: (t) => t,
    now: () => bench.engine.now(),
    logger: new Logger({ serviceName: 'haven-test', logLevel: 'SILENT' }),
  };
  const { version } = defined(await cases.getSummary(caseId), `the summary of ${caseId}`);
  const res = await call(
    createHandler(deps),
    apiEvent('POST', `/api/cases/${caseId}/${path}`, {
      body,
      claims: MANAGER,
      headers: { 'if-match': String(version) },
    }),
  );
  await bench.engine.idle();
  return res;
}

describe('a case that opens again gets a new lifecycle', () => {
  it('000, 002 §6: a closed case reopened by a new incident runs a fresh lifecycle; its clocks run and a breach escalates', async () => {
    // A journey on virtual time: each step (close, reopen, breach, close, reopen) needs the state the last left.

    // Prepare
    const c = await bench.openCase('sada-herts');
    await bench.change(c.caseId, (s) => {
      s.duties['initial-contact'] = { status: 'done', at: bench.engine.now().toISOString(), by: 'o1' };
    });

    // Act
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
      s.closureDiscussedWithVictim = true;
    });

    // Assess
    expect(lifecycleRuns(c.caseId)).toEqual([{ name: c.caseId, status: 'SUCCEEDED' }]);
    expect(runningClocks(c.caseId)).toEqual([]);

    // Prepare
    await bench.engine.advanceBy(5 * DAY);
    const before = (await breaches(c.reference)).length;

    // Act
    const res = await command('sada-herts', c.caseId, 'incidents', { violent: true });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', signalled: true });
    expect(lifecycleRuns(c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: lifecycleExecutionName(c.caseId, 1), status: 'RUNNING' },
    ]);
    expect(runningClocks(c.caseId).length).toBeGreaterThan(0);

    // Act
    // Nobody acts: the reopened case's clocks breach and escalate.
    await bench.engine.advanceBy(40 * DAY);

    // Assess
    expect((await breaches(c.reference)).length).toBeGreaterThan(before);
    expect(
      (await bench.events(c.caseId)).some(
        (e) => e.type === 'escalation-sent' && Date.parse(e.at) > Date.parse(res.headers.date ?? '1970-01-01'),
      ),
    ).toBe(true);

    // Act
    // Closed again and reopened again: the next continuation name, never a used one.
    await bench.change(c.caseId, (s) => {
      s.status = 'closed';
      s.closedAt = bench.engine.now().toISOString();
      s.closureDiscussedWithVictim = true;
    });

    // Assess
    expect(runningClocks(c.caseId)).toEqual([]);
    // 003: each closure asks for feedback once through the safe channel, the second one too.
    expect((await bench.events(c.caseId)).filter((e) => e.type === 'feedback-requested')).toHaveLength(2);

    // Prepare
    const clocksSoFar = bench.engine
      .executions()
      .filter((e) => e.machine === 'clock' && e.input.caseId === c.caseId).length;

    // Act
    const reopened = await command('sada-herts', c.caseId, 'incidents', {});

    // Assess
    expect(reopened.status).toBe(200);
    expect(lifecycleRuns(c.caseId).map((r) => r.name)).toEqual([c.caseId, `${c.caseId}-1`, `${c.caseId}-2`]);
    expect(defined(lifecycleRuns(c.caseId).at(-1), 'a lifecycle run').status).toBe('RUNNING');
    // Its re-planned clock (long overdue by now) runs again as a new generation.
    expect(
      bench.engine.executions().filter((e) => e.machine === 'clock' && e.input.caseId === c.caseId).length,
    ).toBeGreaterThan(clocksSoFar);
    expect(Object.keys((await bench.deps.store.get(c.caseId)).clocks).length).toBeGreaterThan(0);
    expect(bench.engine.executions().filter((e) => e.input.caseId === c.caseId && e.status === 'FAILED')).toEqual([]);
  }, 120_000);

  it('004 §7.5.2: a signposted record made resident becomes a case whose clocks run; initial contact breached escalates', async () => {
    // A journey on virtual time: the record is made a case, then its clock runs out.

    // Prepare
    // The record's first lifecycle name is taken (here by a run that ended at once, as SFN would refuse it).
    const c = await bench.openCase('sada-herts', { state: { status: 'signposted' } });
    expect(lifecycleRuns(c.caseId)).toEqual([{ name: c.caseId, status: 'SUCCEEDED' }]);
    expect(runningClocks(c.caseId)).toEqual([]);

    // Act
    const res = await command('sada-herts', c.caseId, 'facts', { resident: true });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', signalled: true });
    expect(lifecycleRuns(c.caseId)).toEqual([
      { name: c.caseId, status: 'SUCCEEDED' },
      { name: `${c.caseId}-1`, status: 'RUNNING' },
    ]);
    expect(runningClocks(c.caseId).length).toBeGreaterThan(0);

    // Act
    await bench.engine.advanceBy(3 * DAY + HOUR);

    // Assess
    expect(
      (await breaches(c.reference)).filter((m) => m.subject.includes(': initial contact on case')).length,
    ).toBeGreaterThan(0);
  }, 120_000);
});

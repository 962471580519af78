/**
 * A keyless report sent again (core/rules/repeat-report.ts, store/claims.ts): the same case and a
 * `report-repeated` event inside the duplicate window, a new case after it or once the case is closed;
 * a caller's own key keeps its case forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { CaseRepository, NewCase } from '../../functions/adapters/store/index.js';
import type { TestTable } from '../support/dynalite.js';
import { newCase, report, startTestRepository } from './case-fixtures.js';

const WINDOW = { hours: 24 };
const HOUR = 3_600_000;
let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;
const clock = { now: new Date('2026-11-25T10:00:00Z') };

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository(clock)));
afterAll(async () => table.stop());

let n = 0;
/** The same report as `first` again, sent a minute later: a new candidate id and reference, the same key (no window: `null`). */
function again(first: NewCase, repeatWindow: { hours: number } | null = WINDOW): NewCase {
  clock.now = new Date(clock.now.getTime() + 60_000);
  const next = newCase(crypto, first.report, {
    reportedAt: clock.now.toISOString(),
    idempotencyKey: first.idempotencyKey,
  });
  return { ...next, ...(repeatWindow ? { repeatWindow } : {}) };
}
/** A keyless report's first submission, sent now. */
function keyless(): NewCase {
  const r = report({ narrative: `keyless report ${++n}` });
  const key = crypto.hmac(`intake||keyless-${n}`);
  return { ...newCase(crypto, r, { reportedAt: clock.now.toISOString(), idempotencyKey: key }), repeatWindow: WINDOW };
}
const types = async (caseId: string) => (await repo.listEvents(caseId)).map((e) => e.type);
const close = (caseId: string, version: number) =>
  repo.updateCase(caseId, version, (c) => ({
    ...c,
    state: { ...c.state, status: 'closed', closedAt: clock.now.toISOString() },
  }));

describe('keyless repeats: one case only within the duplicate window, never onto a closed case', () => {
  it('a keyless repeat 23 hours later gets the same reference and the case records that the report came again', async () => {
    // Prepare
    clock.now = new Date('2026-11-25T10:00:00Z');
    const first = keyless();
    const a = await repo.createCase(first);
    clock.now = new Date(clock.now.getTime() + 23 * HOUR - 60_000);

    // Act
    const b = await repo.createCase(again(first));

    // Assess
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, caseId: a.caseId, reference: a.reference, reportedAt: a.reportedAt });
    expect(await types(a.caseId)).toEqual(['reported', 'report-repeated']);
    const repeat = (await repo.listEvents(a.caseId))[1];
    expect(repeat).toMatchObject({ actor: 'system', at: clock.now.toISOString() });
    expect(repeat?.details).toBeUndefined();
  });

  it('each repeat inside the window is its own event: three sends, one case, two repeats recorded', async () => {
    // Prepare
    const first = keyless();
    const a = await repo.createCase(first);

    // Act
    const b = await repo.createCase(again(first));
    const c = await repo.createCase(again(first));

    // Assess
    expect(new Set([a.caseId, b.caseId, c.caseId]).size).toBe(1);
    expect(await types(a.caseId)).toEqual(['reported', 'report-repeated', 'report-repeated']);
  });

  it('a keyless repeat after the window (24 hours and a minute) is a new case with a new reference; the first is untouched', async () => {
    // Prepare
    const first = keyless();
    const a = await repo.createCase(first);
    clock.now = new Date(clock.now.getTime() + 24 * HOUR);

    // Act
    const b = await repo.createCase(again(first));
    const c = await repo.createCase(again(first));

    // Assess
    expect(b.created).toBe(true);
    expect(b.caseId).not.toBe(a.caseId);
    expect(b.reference).not.toBe(a.reference);
    expect(await types(a.caseId)).toEqual(['reported']);
    // The new case now holds the key: a repeat of it inside its own window is merged onto it.
    expect(c).toMatchObject({ created: false, caseId: b.caseId });
    expect(await types(b.caseId)).toEqual(['reported', 'report-repeated']);
  });

  it('a keyless repeat onto a closed case is a new case, even inside the window, and the closed case gets no event', async () => {
    // Prepare
    const first = keyless();
    const a = await repo.createCase(first);
    await close(a.caseId, 1);
    clock.now = new Date(clock.now.getTime() + HOUR);

    // Act
    const b = await repo.createCase(again(first));

    // Assess
    expect(b.created).toBe(true);
    expect(b.caseId).not.toBe(a.caseId);
    expect((await repo.getSummary(a.caseId))?.status).toBe('closed');
    expect(await types(a.caseId)).toEqual(['reported']);
  });

  it('ten days after closure a keyless repeat is a new case', async () => {
    // Prepare
    const first = keyless();
    const a = await repo.createCase(first);
    await close(a.caseId, 1);
    clock.now = new Date(clock.now.getTime() + 10 * 24 * HOUR);

    // Act
    const b = await repo.createCase(again(first));

    // Assess
    expect(b.created).toBe(true);
    expect(b.caseId).not.toBe(a.caseId);
  });

  it('concurrent keyless repeats after the window all end on one new case: one created, the rest recorded as repeats', async () => {
    // Prepare
    const first = keyless();
    const a = await repo.createCase(first);
    clock.now = new Date(clock.now.getTime() + 25 * HOUR);

    // Act
    const results = await Promise.all(Array.from({ length: 8 }, () => repo.createCase(again(first))));

    // Assess
    const ids = new Set(results.map((r) => r.caseId));
    expect(ids.size).toBe(1);
    expect(ids.has(a.caseId)).toBe(false);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [caseId] = [...ids];
    const recorded = await types(caseId as string);
    expect(recorded.filter((t) => t === 'reported')).toHaveLength(1);
    expect(recorded.filter((t) => t === 'report-repeated')).toHaveLength(7);
  });
});

describe('retries with a key of their own keep their case', () => {
  it('the same key (no window) returns the same reference forever: 30 days on, after closure, with nothing on the timeline', async () => {
    // Prepare
    const first = newCase(crypto, report({ narrative: 'keyed report' }), { idempotencyKey: 'caller-key-forever' });
    const a = await repo.createCase(first);
    await close(a.caseId, 1);
    clock.now = new Date(clock.now.getTime() + 30 * 24 * HOUR);

    // Act
    const b = await repo.createCase(again(first, null));

    // Assess
    expect(b).toMatchObject({ created: false, caseId: a.caseId, reference: a.reference });
    expect(await types(a.caseId)).toEqual(['reported']);
  });
});

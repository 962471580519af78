import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { ConflictError, NotFoundError, RepositoryUsageError } from '../../functions/adapters/errors.js';
import type { FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { type CaseRepository, createCaseRepository } from '../../functions/adapters/store/index.js';
import { defined } from '../support/defined.js';
import type { TestTable } from '../support/dynalite.js';
import { ASSOCIATION, newCase, report, startTestRepository } from './case-fixtures.js';

const officer = { sub: 'officer-1', role: 'case-officer' };
let table: TestTable;
let crypto: FieldCrypto;
let repo: CaseRepository;
const clock = { now: new Date('2026-11-25T10:00:00Z') };

beforeAll(async () => ({ table, crypto, repo } = await startTestRepository(clock)));
afterAll(async () => table.stop());

/** A repository on the same table whose client dies on any put of an `itemType` item, as if the Lambda were killed there. */
function crashingOn(itemType: 'case' | 'event'): { repo: CaseRepository; destroy: () => void } {
  const crashing = createDocumentClient({ endpoint: table.endpoint });
  crashing.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Item?: { itemType?: string } };
      if (input.Item?.itemType === itemType)
        throw Object.assign(new Error('simulated crash'), { name: 'AccessDeniedException' });
      return next(args);
    },
    { step: 'initialize' },
  );
  return {
    repo: createCaseRepository({
      client: crashing,
      tableName: table.tableName,
      associationId: ASSOCIATION,
      config: getAssociation(ASSOCIATION),
      crypto,
    }),
    destroy: () => crashing.destroy(),
  };
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const out = await table.client.send(new ScanCommand({ TableName: table.tableName }));
  return out.Items ?? [];
}

describe('the case store: create, read and update a case', () => {
  it('creates a case and reads it back decrypted, version 1, with a reported event', async () => {
    // Prepare
    const input = newCase(crypto, report(), { nextDueAt: '2026-11-26T09:00:00.000Z' });

    // Act
    const res = await repo.createCase(input);

    // Assess
    expect(res.created).toBe(true);
    expect(res.caseId).toBe(input.state.id);
    const c = await repo.getCase(res.caseId, 'system');
    expect(c.version).toBe(1);
    expect(c.reference).toBe(res.reference);
    expect(c.state.id).toBe(res.caseId);
    expect(c.report.narrative).toBe('Something happened at home.');
    expect(c.report.person.name).toBe('Alex Example');
    expect(c.nextDueAt).toBe('2026-11-26T09:00:00.000Z');
    const events = await repo.listEvents(res.caseId);
    expect(events.map((e) => e.type)).toEqual(['reported']);
  });

  it('a missing case is a NotFoundError', async () => {
    // Act + Assess: a read and an update of a case that does not exist
    await expect(repo.getCase('no-such-case', 'system')).rejects.toBeInstanceOf(NotFoundError);
    await expect(repo.updateCase('no-such-case', 1, (c) => c)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('updates conditionally on the version, bumping it and appending the events', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));

    // Act
    const updated = await repo.updateCase(
      caseId,
      1,
      (c) => {
        c.state.contacts.push('2026-11-25T11:00:00.000Z');
        c.state.assignedOfficer = 'officer-1';
        c.notes.push({ id: 'n1', at: '2026-11-25T11:00:00.000Z', by: 'officer-1', text: 'Spoke on the safe number.' });
        c.nextDueAt = '2026-12-09T11:00:00.000Z';
        return c;
      },
      [
        {
          type: 'contact-made',
          at: '2026-11-25T11:00:00.000Z',
          actor: officer,
          duty: 'initial-contact',
          details: { how: 'phone' },
        },
      ],
    );

    // Assess
    expect(updated.version).toBe(2);
    const again = await repo.getCase(caseId, 'system');
    expect(again.version).toBe(2);
    expect(again.state.assignedOfficer).toBe('officer-1');
    expect(again.notes[0]?.text).toBe('Spoke on the safe number.');
    expect(again.nextDueAt).toBe('2026-12-09T11:00:00.000Z');
    const events = await repo.listEvents(caseId);
    const contact = events.find((e) => e.type === 'contact-made');
    expect(contact).toMatchObject({ id: 'v2-0', duty: 'initial-contact', actor: officer, details: { how: 'phone' } });
  });

  it('a stale version is a ConflictError (409) and the newer write survives', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));
    await repo.updateCase(caseId, 1, (c) => ({ ...c, state: { ...c.state, assignedOfficer: 'first' } }));

    // Act
    const err = await repo
      .updateCase(caseId, 1, (c) => ({ ...c, state: { ...c.state, assignedOfficer: 'second' } }))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).actualVersion).toBe(2);
    expect((await repo.getCase(caseId, 'system')).state.assignedOfficer).toBe('first');
  });

  it('of concurrent updates from one version, exactly one wins, the others are a ConflictError', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));

    // Act
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e'].map((who) =>
        repo.updateCase(caseId, 1, (c) => ({ ...c, state: { ...c.state, assignedOfficer: who } }), [
          { type: 'officer-assigned', at: '2026-11-25T10:00:00.000Z', actor: 'system', id: `assign-${who}` },
        ]),
      ),
    );

    // Assess
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const c = await repo.getCase(caseId, 'system');
    expect(c.version).toBe(2);
    const assigned = (await repo.listEvents(caseId)).filter((e) => e.type === 'officer-assigned');
    // The losers' events are never written: the timeline matches the case.
    expect(assigned.map((e) => e.id)).toEqual([`assign-${c.state.assignedOfficer}`]);
  });

  it('refuses an update that changes the case id or reference', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));

    // Act + Assess: one mutation changes the reference, the other the id
    await expect(repo.updateCase(caseId, 1, (c) => ({ ...c, reference: 'HV-OTHER' }))).rejects.toBeInstanceOf(
      RepositoryUsageError,
    );
    await expect(
      repo.updateCase(caseId, 1, (c) => ({ ...c, state: { ...c.state, id: 'other' } })),
    ).rejects.toBeInstanceOf(RepositoryUsageError);
  });

  it('closing a case keeps it for figures and drops it from the open-case index in the same put', async () => {
    // Prepare
    const input = newCase(crypto, report({ area: 'shrewsbury-close-test' }));
    input.state.facts.area = 'shrewsbury-close-test';
    const { caseId } = await repo.createCase(input);
    expect((await repo.listOpenCases({ area: 'shrewsbury-close-test' })).items.map((c) => c.caseId)).toEqual([caseId]);

    // Act
    await repo.updateCase(caseId, 1, (c) => ({
      ...c,
      state: { ...c.state, status: 'closed', closedAt: '2026-11-30T10:00:00.000Z' },
    }));

    // Assess
    expect((await repo.listOpenCases({ area: 'shrewsbury-close-test' })).items).toEqual([]);
    const figures = await repo.listCasesForFigures({
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
      area: 'shrewsbury-close-test',
    });
    expect(figures.map((c) => [c.caseId, c.status, c.closedAt])).toEqual([
      [caseId, 'closed', '2026-11-30T10:00:00.000Z'],
    ]);
  });
});

describe('createCase is idempotent: one idempotency key, one case', () => {
  it("the same key twice gives one case, created once, with the first one's report time", async () => {
    // Prepare
    const first = newCase(crypto, report(), { idempotencyKey: 'intake-key-twice' });
    const second = newCase(crypto, report(), {
      idempotencyKey: 'intake-key-twice',
      reportedAt: '2026-11-26T09:00:00.000Z',
    });

    // Act
    const a = await repo.createCase(first);
    const b = await repo.createCase(second);

    // Assess
    expect(a.created).toBe(true);
    expect(b).toEqual({ created: false, caseId: a.caseId, reference: a.reference, reportedAt: a.reportedAt });
    expect(a.reportedAt).toBe(first.state.reportedAt);
    await expect(repo.getCase(second.state.id, 'system')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('twenty concurrent submissions with one key make exactly one case', async () => {
    // Prepare
    const inputs = Array.from({ length: 20 }, () =>
      newCase(crypto, report({ area: 'twenty-test' }), { idempotencyKey: 'intake-key-twenty' }),
    );

    // Act
    const results = await Promise.all(inputs.map((i) => repo.createCase(i)));

    // Assess
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    const caseItems = (await scanAll()).filter((i) => i.itemType === 'case' && i.area === 'twenty-test');
    expect(caseItems).toHaveLength(1);
    expect(
      (await repo.listEvents(defined(results.at(0), 'a create result').caseId)).filter((e) => e.type === 'reported'),
    ).toHaveLength(1);
  });

  it('a crash after the idempotency claim leaves no orphan: the retry creates the case under the claimed id', async () => {
    // Prepare: a client that dies on the case put, as if the Lambda were killed between the two writes
    const { repo: crashingRepo, destroy } = crashingOn('case');
    const first = newCase(crypto, report(), { idempotencyKey: 'intake-key-crash' });
    await expect(crashingRepo.createCase(first)).rejects.toThrow();

    // Act
    const retry = await repo.createCase(newCase(crypto, report(), { idempotencyKey: 'intake-key-crash' }));

    // Assess
    expect(retry.created).toBe(true);
    expect(retry.caseId).toBe(first.state.id);
    expect(retry.reference).toBe(first.state.reference);
    const c = await repo.getCase(retry.caseId, 'system');
    expect(c.state.id).toBe(first.state.id);
    expect(c.state.reference).toBe(first.state.reference);
    destroy();
  });

  it('a crash after the case put but before its events: listEvents and a retry restore the reported event once', async () => {
    // Prepare
    const { repo: crashingRepo, destroy } = crashingOn('event');
    const first = newCase(crypto, report(), { idempotencyKey: 'intake-key-crash-events' });
    await expect(crashingRepo.createCase(first)).rejects.toThrow();
    const raw = (await scanAll()).filter((i) => i.pk === `CASE#${first.state.id}`);
    expect(raw.map((i) => i.itemType)).toEqual(['case']);

    // Act
    const retry = await repo.createCase(newCase(crypto, report(), { idempotencyKey: 'intake-key-crash-events' }));

    // Assess
    expect(retry).toMatchObject({ created: false, caseId: first.state.id });
    const events = await repo.listEvents(first.state.id);
    expect(events.map((e) => e.type)).toEqual(['reported']);
    destroy();
  });

  it('a crash after an update put but before its events: the next update appends them first', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));
    const { repo: crashingRepo, destroy } = crashingOn('event');
    await expect(
      crashingRepo.updateCase(caseId, 1, (c) => c, [
        { type: 'dash-scored', at: '2026-11-25T12:00:00.000Z', actor: officer, details: { score: 15 } },
      ]),
    ).rejects.toThrow();

    // Act
    await repo.updateCase(caseId, 2, (c) => c, [
      { type: 'pathway-chosen', at: '2026-11-25T13:00:00.000Z', actor: officer },
    ]);

    // Assess
    const events = await repo.listEvents(caseId);
    expect(events.map((e) => e.type)).toEqual(['reported', 'dash-scored', 'pathway-chosen']);
    expect(events[1]?.details).toEqual({ score: 15 });
    destroy();
  });
});

describe('the timeline is append-only and audited', () => {
  it('appendEvent with an id records it once', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));
    const ev = {
      type: 'clock-breached' as const,
      at: '2026-11-26T09:00:00.000Z',
      actor: 'system' as const,
      id: 'clock:initial-contact:breached',
      duty: 'initial-contact' as const,
    };

    // Act
    const first = await repo.appendEvent(caseId, ev);
    const again = await repo.appendEvent(caseId, { ...ev, at: '2026-11-26T09:05:00.000Z' });

    // Assess
    expect(first).toEqual({ appended: true, eventId: 'clock:initial-contact:breached' });
    expect(again).toEqual({ appended: false, eventId: 'clock:initial-contact:breached' });
    const breaches = (await repo.listEvents(caseId)).filter((e) => e.type === 'clock-breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.at).toBe('2026-11-26T09:00:00.000Z');
  });

  it('update events given an idempotency id are not duplicated by a replay', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));
    const consent = {
      type: 'consent-overridden' as const,
      at: '2026-11-25T12:00:00.000Z',
      actor: officer,
      id: 'consent:marac-referral',
      duty: 'marac-referral' as const,
      details: { basis: 'marac-threshold', reason: 'Score 16.' },
    };
    await repo.updateCase(caseId, 1, (c) => c, [consent]);

    // Act: the replay
    await repo.updateCase(caseId, 2, (c) => c, [consent]);

    // Assess
    const overrides = (await repo.listEvents(caseId)).filter((e) => e.type === 'consent-overridden');
    expect(overrides).toHaveLength(1);
    expect(overrides[0]?.details).toEqual({ basis: 'marac-threshold', reason: 'Score 16.' });
  });

  it('lists events oldest first, whatever order they were written in', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));
    await repo.appendEvent(caseId, {
      type: 'escalation-sent',
      at: '2026-11-27T09:00:00.000Z',
      actor: 'system',
      id: 'late',
    });
    await repo.appendEvent(caseId, {
      type: 'action-done',
      at: '2026-11-25T09:30:00.000Z',
      actor: officer,
      id: 'early',
    });

    // Act
    const events = await repo.listEvents(caseId);

    // Assess
    expect(events.map((e) => e.id)).toEqual(['reported', 'early', 'late']);
  });

  it('appendEvent on a missing case is a NotFoundError, and event ids must be plain tokens', async () => {
    // Act + Assess: a missing case
    await expect(
      repo.appendEvent('missing', { type: 'action-done', at: '2026-11-25T09:30:00.000Z', actor: 'system' }),
    ).rejects.toBeInstanceOf(NotFoundError);

    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));

    // Act + Assess: an id with a space
    await expect(
      repo.appendEvent(caseId, {
        type: 'action-done',
        at: '2026-11-25T09:30:00.000Z',
        actor: 'system',
        id: 'has space',
      }),
    ).rejects.toBeInstanceOf(RepositoryUsageError);
  });

  it('every staff read appends a case-viewed event with who and when; system reads do not', async () => {
    // Prepare
    const { caseId } = await repo.createCase(newCase(crypto, report()));

    // Act
    clock.now = new Date('2026-11-25T14:00:00Z');
    await repo.getCase(caseId, officer);
    clock.now = new Date('2026-11-25T15:00:00Z');
    await repo.getCase(caseId, { sub: 'manager-1', role: 'line-manager' });
    await repo.getCase(caseId, 'system');

    // Assess
    const views = (await repo.listEvents(caseId)).filter((e) => e.type === 'case-viewed');
    expect(views.map((v) => [v.actor, v.at])).toEqual([
      [officer, '2026-11-25T14:00:00.000Z'],
      [{ sub: 'manager-1', role: 'line-manager' }, '2026-11-25T15:00:00.000Z'],
    ]);
  });
});

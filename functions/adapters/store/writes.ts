/**
 * The writes, each safe without transactions (dynalite has none):
 * - createCase: a conditional put claims the idempotency key first, fixing the case id and reference;
 *   then a conditional put of the case item under that id. Concurrent submissions with one key all
 *   end on the claimed id, and only one case put can succeed (`created: true` for exactly one). A crash
 *   after the claim leaves no orphan: the retry finds the claim and writes the case under its id.
 * - updateCase: one conditional put (`version = expected`) of the whole case item; a mismatch is a
 *   ConflictError, so no write is ever lost. The update's events travel inside the same sealed envelope
 *   (an outbox, their ids in clear in `outboxIds`) and are appended after the put with deterministic ids;
 *   if a crash drops them, the next update, listEvents or createCase retry re-appends them.
 * - setNextDueAt: one conditional update (`version = expected`) of the clear meta only (nextDueAt, the
 *   clock and duty keeping it, and the open indexes' sort key), no decrypt or seal; it bumps the
 *   version, so an updateCase that read the earlier version fails with ConflictError instead of
 *   putting a stale deadline back.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NextDeadline } from '../../core/clock-plan.js';
import { ITEM_TYPE, dueSortKey, keys } from '../../contract/table-layout.js';
import { isConditionFailed, storageCall } from '../dynamo.js';
import { ConflictError, NotFoundError, RepositoryUsageError } from '../errors.js';
import { type Store, batchGet, getCaseItem, getItem, putItem } from './access.js';
import { dedupeLinks, markersFor, putLinks } from './homes.js';
import { type CaseItem, caseItem, parseLinkKeys } from './items.js';
import { type Sealed, checkedNextDue, openCase, sealCase, sealedOf, storedCase, summarise } from './records.js';
import { claimKey, newCaseIdentity } from './references.js';
import { pending, putEvents } from './timeline.js';
import type { NewCase, NewEvent, StoredCase } from './types.js';

/** The result of `createCase`: `created` is true for exactly one of any number of calls with one key. */
export interface CreateCaseResult {
  created: boolean;
  caseId: string;
  reference: string;
}

/** Turns a stored case into the next one. It gets a deep copy; ids, reference and version must not change. */
export type CaseMutation = (current: StoredCase) => StoredCase | Promise<StoredCase>;

/** Claims the idempotency key for `candidate`, or finds who claimed it first: the id and reference the case is written under. */
async function claim(store: Store, idempotencyKey: string, candidate: { caseId: string; reference: string }) {
  const key = claimKey(idempotencyKey);
  try {
    const Item = { ...key, itemType: ITEM_TYPE.idempotency, ...candidate, claimedAt: store.now().toISOString() };
    await putItem(store, { Item, ConditionExpression: 'attribute_not_exists(pk)' });
    return candidate;
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    const existing = await getItem(store, key);
    if (!existing) throw new ConflictError('idempotency claim vanished; try again');
    return { caseId: existing.caseId as string, reference: existing.reference as string };
  }
}

/**
 * Creates a case once per idempotency key, with its link items and a `reported` event. A repeat (or
 * a concurrent duplicate) returns the existing case id and reference with `created: false`, and
 * finishes anything a crashed earlier attempt left unwritten.
 */
export async function createCase(store: Store, input: NewCase): Promise<CreateCaseResult> {
  if (input.state.associationId !== store.associationId) throw new RepositoryUsageError('case belongs to another association');
  if (!input.idempotencyKey) throw new RepositoryUsageError('an idempotency key is required');
  const fresh = newCaseIdentity();
  const nowIso = store.now().toISOString();
  const claimed = await claim(store, input.idempotencyKey, { caseId: input.state.id || fresh.id, reference: input.state.reference || fresh.reference });

  const already = await getCaseItem(store, claimed.caseId);
  if (already) {
    await repairAfterCreate(store, already);
    return { created: false, ...claimed };
  }

  const state = { ...input.state, id: claimed.caseId, reference: claimed.reference };
  const events: NewEvent[] = [{ type: 'reported', at: state.reportedAt, actor: 'system', id: 'reported' }, ...(input.events ?? [])];
  const outbox = pending(events, (i) => `create-${i}`);
  const linkKeys = dedupeLinks(input.linkKeys ?? []);
  const priv = sealedOf({ ...input, state }, outbox);
  const meta = { ...claimed, version: 1, createdAt: nowIso, updatedAt: nowIso, ...checkedNextDue(input) };
  const item = caseItem(summarise(store.associationId, priv, meta), state, linkKeys, outbox.map((e) => e.id), await sealCase(store, priv, claimed.caseId));
  try {
    await putItem(store, { Item: item, ConditionExpression: 'attribute_not_exists(pk)' });
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    // A concurrent submission with the same key wrote it first.
    const winner = await getCaseItem(store, claimed.caseId);
    if (winner) await repairAfterCreate(store, winner);
    return { created: false, ...claimed };
  }
  await putLinks(store, claimed.caseId, linkKeys);
  await putEvents(store, claimed.caseId, outbox);
  return { created: true, ...claimed };
}

/**
 * Applies `mutate` to the case at `expectedVersion` and writes it with one conditional put, then
 * appends `events` (ids: the given idempotency id, else `v<version>-<n>`). Throws ConflictError when
 * the case is at another version, or another writer got there first. Returns the new case.
 */
export async function updateCase(store: Store, caseId: string, expectedVersion: number, mutate: CaseMutation, events: NewEvent[] = []): Promise<StoredCase> {
  const item = await getCaseItem(store, caseId);
  if (!item) throw new NotFoundError('case not found', caseId);
  if (item.version !== expectedVersion) throw new ConflictError('case has changed since it was read', caseId, expectedVersion, item.version);
  const priv = await openCase(store, item);
  await ensureOutbox(store, item, priv);

  const next = await mutate(structuredClone(storedCase(item, priv, [], [])));
  if (
    next.caseId !== caseId ||
    next.reference !== item.reference ||
    next.version !== item.version ||
    next.state.id !== caseId ||
    next.state.reference !== item.reference ||
    next.state.associationId !== store.associationId
  ) {
    throw new RepositoryUsageError('a case update must not change its id, reference, association or version');
  }
  const version = expectedVersion + 1;
  const outbox = pending(events, (i) => `v${version}-${i}`);
  const linkKeys = dedupeLinks(next.linkKeys);
  const sealed = sealedOf(next, outbox);
  const meta = { caseId, reference: item.reference, version, createdAt: item.createdAt, updatedAt: store.now().toISOString(), ...checkedNextDue(next) };
  const newItem = caseItem(summarise(store.associationId, sealed, meta), next.state, linkKeys, outbox.map((e) => e.id), await sealCase(store, sealed, caseId));
  try {
    await putItem(store, {
      Item: newItem,
      ConditionExpression: '#version = :v',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':v': expectedVersion },
    });
  } catch (e) {
    if (isConditionFailed(e)) throw new ConflictError('case was changed by someone else', caseId, expectedVersion);
    throw e;
  }
  const known = new Set(item.linkKeys);
  await putLinks(store, caseId, linkKeys.filter((l) => !known.has(`${l.kind}:${l.key}`)));
  await putEvents(store, caseId, outbox);
  return storedCase(newItem, sealed, await markersFor(store, linkKeys), []);
}

/**
 * Sets the case's clear next deadline and the clock keeping it (undefined removes them) at
 * `expectedVersion`, moving it in the open-by-due indexes, without opening the sealed part. Nothing
 * is written when it already holds them. Throws ConflictError when the case is at another version.
 * Returns the case's version.
 */
export async function setNextDueAt(store: Store, caseId: string, expectedVersion: number, next: NextDeadline | undefined): Promise<{ version: number; changed: boolean }> {
  const due = next === undefined ? undefined : new Date(next.deadline);
  if (due && Number.isNaN(due.getTime())) throw new RepositoryUsageError('nextDueAt must be an ISO instant');
  const fields = checkedNextDue(next && { nextDueAt: due!.toISOString(), nextDueClock: next.clock, nextDueDuty: next.duty });
  const item = await getItem(store, keys.case(caseId), '#version, #status, nextDueAt, nextDueClock, nextDueDuty', { '#version': 'version', '#status': 'status' });
  if (!item) throw new NotFoundError('case not found', caseId);
  const version = item.version as number;
  if (version !== expectedVersion) throw new ConflictError('case has changed since it was read', caseId, expectedVersion, version);
  if (item.nextDueAt === fields.nextDueAt && item.nextDueClock === fields.nextDueClock && item.nextDueDuty === fields.nextDueDuty) return { version, changed: false };
  const values: Record<string, unknown> = { ':v': expectedVersion, ':next': expectedVersion + 1, ':now': store.now().toISOString() };
  const set = ['#version = :next', 'updatedAt = :now'];
  const remove: string[] = [];
  if (fields.nextDueAt) {
    set.push('nextDueAt = :due', 'nextDueClock = :clock', 'nextDueDuty = :duty');
    Object.assign(values, { ':due': fields.nextDueAt, ':clock': fields.nextDueClock, ':duty': fields.nextDueDuty });
  } else remove.push('nextDueAt', 'nextDueClock', 'nextDueDuty');
  // The version condition pins the status read above: the open indexes' key exists only while open.
  if (item.status === 'open') {
    set.push('dueSk = :dueSk');
    values[':dueSk'] = dueSortKey(fields.nextDueAt, caseId);
  }
  try {
    await storageCall('UpdateItem', () =>
      store.client.send(
        new UpdateCommand({
          TableName: store.table,
          Key: keys.case(caseId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: '#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: values,
        }),
      ),
    );
  } catch (e) {
    if (isConditionFailed(e)) throw new ConflictError('case was changed by someone else', caseId, expectedVersion);
    throw e;
  }
  return { version: expectedVersion + 1, changed: true };
}

/** Appends any outbox events of the case's last write that are not on the timeline yet. */
export async function ensureOutbox(store: Store, item: CaseItem, priv?: Sealed): Promise<void> {
  const ids = item.outboxIds ?? [];
  if (ids.length === 0) return;
  const found = await batchGet(store, ids.map((id) => keys.event(item.caseId, id)), { expression: 'pk, sk', names: {} });
  if (found.length === ids.length) return;
  const sealed = priv ?? (await openCase(store, item));
  const present = new Set(found.map((f) => f.sk as string));
  await putEvents(store, item.caseId, sealed.outbox.filter((e) => !present.has(keys.event(item.caseId, e.id).sk)));
}

/** Finishes what a crashed create left unwritten: its links and its outbox events. */
async function repairAfterCreate(store: Store, item: CaseItem): Promise<void> {
  await putLinks(store, item.caseId, parseLinkKeys(item.linkKeys));
  await ensureOutbox(store, item);
}

/**
 * A case's timeline: append-only events, one conditional put each on `CASE#id / EV#eventId`, so the
 * same id is recorded once; clear type, instant, actor and duty, details sealed.
 */
import { randomUUID } from 'node:crypto';
import { ITEM_TYPE, keys } from '../../contract/table-layout.js';
import { isConditionFailed } from '../dynamo.js';
import { NotFoundError, RepositoryUsageError } from '../errors.js';
import { getItem, putItem, queryAll, type Store } from './access.js';
import type { EventItem } from './items.js';
import type { PendingEvent } from './records.js';
import type { CaseEvent, NewEvent, Reader } from './types.js';

const EVENT_ID = /^[A-Za-z0-9._:-]{1,120}$/;

/** One event with its id and its place in the write fixed; refuses an id that is not a plain token. */
function pendingEvent(e: NewEvent, id: string, seq: number): PendingEvent {
  if (!EVENT_ID.test(id))
    throw new RepositoryUsageError('event ids must be plain tokens [A-Za-z0-9._:-], at most 120 characters');
  return { ...e, id, seq };
}

/** Fixes each event's id (its own, else `fallbackId(i)`) and its place in the write; refuses ids that are not plain tokens. */
export function pending(events: NewEvent[], fallbackId: (i: number) => string): PendingEvent[] {
  return events.map((e, i) => pendingEvent(e, e.id ?? fallbackId(i), i));
}

/** One conditional put: an id already on the timeline is left as it is. Returns whether it was new. */
async function putEvent(store: Store, caseId: string, e: PendingEvent, recordedAt: string): Promise<boolean> {
  const item: EventItem = {
    ...keys.event(caseId, e.id),
    itemType: ITEM_TYPE.event,
    eventId: e.id,
    caseId,
    eventType: e.type,
    at: e.at,
    seq: e.seq,
    recordedAt,
  };
  if (e.actor !== 'system') {
    item.actorSub = e.actor.sub;
    item.actorRole = e.actor.role;
  }
  if (e.duty) item.duty = e.duty;
  if (e.details && Object.keys(e.details).length > 0)
    item.sealed = await store.crypto.seal(e.details, { associationId: store.associationId, caseId });
  try {
    await putItem(store, { Item: item, ConditionExpression: 'attribute_not_exists(pk)' });
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** Conditional puts: an id already on the timeline is left as it is. Returns which were new. */
export async function putEvents(store: Store, caseId: string, events: PendingEvent[]): Promise<boolean[]> {
  const recordedAt = store.now().toISOString();
  return Promise.all(events.map((e) => putEvent(store, caseId, e, recordedAt)));
}

/** Records that a member of staff read the case (before anything of it is returned). */
export async function recordView(store: Store, caseId: string, reader: Exclude<Reader, 'system'>): Promise<void> {
  const at = store.now().toISOString();
  const actor = { sub: reader.sub, role: reader.role };
  await putEvents(store, caseId, [{ id: `view-${randomUUID()}`, seq: 0, type: 'case-viewed', at, actor }]);
}

/**
 * Appends one event to a case's timeline. With `event.id` it is idempotent: the same id is recorded
 * once (`appended: false` the second time).
 */
export async function appendEvent(
  store: Store,
  caseId: string,
  event: NewEvent,
): Promise<{ appended: boolean; eventId: string }> {
  const item = await getItem(store, keys.case(caseId), 'pk');
  if (!item) throw new NotFoundError('case not found', caseId);
  const next = pendingEvent(event, event.id ?? `e-${randomUUID()}`, 0);
  const appended = await putEvent(store, caseId, next, store.now().toISOString());
  return { appended, eventId: next.id };
}

/** The whole timeline of a case as stored, oldest first, details decrypted (the outbox is the writer's to repair first). */
export async function readTimeline(store: Store, caseId: string): Promise<CaseEvent[]> {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
    ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':ev': keys.eventPrefix },
    ConsistentRead: true,
  });
  const events = await Promise.all(items.map((i) => eventOf(store, i as unknown as EventItem)));
  return events
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order))
    .map(({ order: _order, ...e }) => e);
}

async function eventOf(store: Store, i: EventItem): Promise<CaseEvent & { order: number }> {
  const e: CaseEvent & { order: number } = {
    id: i.eventId,
    caseId: i.caseId,
    type: i.eventType,
    at: i.at,
    actor: i.actorSub ? { sub: i.actorSub, role: i.actorRole ?? '' } : 'system',
    recordedAt: i.recordedAt,
    order: i.seq ?? 0,
  };
  if (i.duty) e.duty = i.duty;
  if (i.sealed)
    e.details = await store.crypto.open<Record<string, unknown>>(i.sealed, {
      associationId: store.associationId,
      caseId: i.caseId,
    });
  return e;
}

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
 * - setNextDueAt (next-due.ts) is the third versioned write: clear meta only.
 */
import { keys } from '../../contract/table-layout.js';
import { isConditionFailed } from '../dynamo.js';
import { ConflictError, NotFoundError, RepositoryUsageError } from '../errors.js';
import { batchGet, getCaseItem, putItem, type Store } from './access.js';
import { claim, recordRepeat } from './claims.js';
import { dedupeLinks, findLinkedCases, markersFor, putLinks } from './homes.js';
import { type CaseItem, caseItem, parseLinkKeys, summaryOf } from './items.js';
import { checkedNextDue, openCase, type Sealed, sealCase, sealedOf, storedCase, summarise } from './records.js';
import { pending, putEvents } from './timeline.js';
import type { CaseSummary, LinkKey, NewCase, NewEvent, StoredCase } from './types.js';

/** The result of `createCase`: `created` is true for exactly one of any number of calls with one key. */
export interface CreateCaseResult {
  created: boolean;
  caseId: string;
  reference: string;
  /** When the case was reported: this call's, or the stored case's when the key was seen before. */
  reportedAt: string;
}

/** Refuses an update from what the case's clear summary says (undefined: no such case), by throwing. */
export type CaseGuard = (summary: CaseSummary | undefined) => void;

/** Turns a stored case into the next one. It gets a deep copy; ids, reference and version must not change. */
export type CaseMutation = (current: StoredCase) => StoredCase | Promise<StoredCase>;

/**
 * Creates a case once per idempotency key, with its link items and a `reported` event. A repeat (or
 * a concurrent duplicate) returns the existing case id and reference with `created: false`, and
 * finishes anything a crashed earlier attempt left unwritten. With `repeatWindow` (a keyless report)
 * the key holds only within the window and never onto a closed case (claims.ts), and each repeat it
 * does hold is recorded on the case's timeline (`report-repeated`).
 */
export async function createCase(store: Store, input: NewCase): Promise<CreateCaseResult> {
  if (input.state.associationId !== store.associationId)
    throw new RepositoryUsageError('case belongs to another association');
  if (!input.idempotencyKey) throw new RepositoryUsageError('an idempotency key is required');
  // The reference carries the association's prefix, which the store does not know: the caller makes both.
  if (!input.state.id || !input.state.reference)
    throw new RepositoryUsageError('a new case needs its id and reference (newCaseIdentity)');
  const nowIso = store.now().toISOString();
  const candidate = { caseId: input.state.id, reference: input.state.reference };
  const { matched, ...claimed } = await claim(store, input.idempotencyKey, candidate, input.repeatWindow);
  // A keyless report that matched an earlier one inside the window: the case shows it came again.
  const repeated = async () => {
    if (matched && input.repeatWindow) await recordRepeat(store, claimed.caseId);
  };

  // A fresh claim fixed this call's own new case id: no case can be under it yet, so only a key seen
  // before (matched) needs the read, to find the case an earlier attempt wrote and finish it.
  const already = matched ? await getCaseItem(store, claimed.caseId) : undefined;
  if (already) {
    await repairAfterCreate(store, already);
    await repeated();
    return { created: false, ...claimed, reportedAt: already.reportedAt };
  }

  const state = { ...input.state, id: claimed.caseId, reference: claimed.reference };
  const events: NewEvent[] = [
    { type: 'reported', at: state.reportedAt, actor: 'system', id: 'reported' },
    ...(input.events ?? []),
  ];
  const outbox = pending(events, (i) => `create-${i}`);
  const linkKeys = dedupeLinks(input.linkKeys ?? []);
  const { markers: _markers, ...found } = await foundFor(store, linkKeys, claimed.caseId);
  const priv = sealedOf({ ...input, state }, outbox);
  const meta = { ...claimed, version: 1, createdAt: nowIso, updatedAt: nowIso, ...checkedNextDue(input) };
  const summary = summarise(store.associationId, priv, meta);
  const item = caseItem(
    summary,
    state,
    linkKeys,
    outbox.map((e) => e.id),
    await sealCase(store, priv, claimed.caseId),
    { config: store.config, ...found },
  );
  try {
    await putItem(store, { Item: item, ConditionExpression: 'attribute_not_exists(pk)' });
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    // A concurrent submission with the same key wrote it first.
    const winner = await getCaseItem(store, claimed.caseId);
    if (winner) await repairAfterCreate(store, winner);
    await repeated();
    return { created: false, ...claimed, reportedAt: winner?.reportedAt ?? state.reportedAt };
  }
  await putLinks(store, claimed.caseId, linkKeys);
  await putEvents(store, claimed.caseId, outbox);
  await repeated();
  return { created: true, ...claimed, reportedAt: state.reportedAt };
}

/**
 * Applies `mutate` to the case at `expectedVersion` and writes it with one conditional put, then
 * appends `events` (ids: the given idempotency id, else `v<version>-<n>`). Throws ConflictError when
 * the case is at another version, or another writer got there first. Returns the new case.
 * `guard` sees the clear summary of what was read (undefined: no such case) before anything else is
 * done, and throws to refuse (a caller who may not see the case): one read serves both.
 */
export async function updateCase(
  store: Store,
  caseId: string,
  expectedVersion: number,
  mutate: CaseMutation,
  events: NewEvent[] = [],
  guard?: CaseGuard,
): Promise<StoredCase> {
  const item = await getCaseItem(store, caseId);
  guard?.(item ? summaryOf(item) : undefined);
  if (!item) throw new NotFoundError('case not found', caseId);
  if (item.version !== expectedVersion)
    throw new ConflictError('case has changed since it was read', caseId, expectedVersion, item.version);
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
  const updatedAt = store.now().toISOString();
  const meta = {
    caseId,
    reference: item.reference,
    version,
    createdAt: item.createdAt,
    updatedAt,
    ...checkedNextDue(next),
  };
  const summary = summarise(store.associationId, sealed, meta);
  const { markers, ...found } = await foundFor(store, linkKeys, caseId);
  const newItem = caseItem(
    summary,
    next.state,
    linkKeys,
    outbox.map((e) => e.id),
    await sealCase(store, sealed, caseId),
    { config: store.config, ...found },
  );
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
  await putLinks(
    store,
    caseId,
    linkKeys.filter((l) => !known.has(`${l.kind}:${l.key}`)),
  );
  await putEvents(store, caseId, outbox);
  return storedCase(newItem, sealed, markers, []);
}

/**
 * What a write finds beyond the case, as the case view finds it: the markers on its home(s), whether
 * one is an active staff-safety marker, and its linked cases' MARAC referral instants, each with where
 * its case sits (the caseload's repeat-MARAC flag counts those its reader may see with the case's own,
 * core/rules/linked-cases.ts `countedLinkedReferrals`).
 */
async function foundFor(store: Store, linkKeys: LinkKey[], caseId: string) {
  const [markers, linked] = await Promise.all([
    markersFor(store, linkKeys),
    findLinkedCases(store, linkKeys, { excludeCaseId: caseId }),
  ]);
  return {
    markers,
    homeMarked: markers.some((m) => m.kind === 'staff-safety' && m.active),
    linkedMaracReferrals: linked.flatMap((c) =>
      c.maracReferrals.map((at) => ({ at, place: { area: c.area, assignedOfficer: c.assignedOfficer } })),
    ),
  };
}

/** Appends any outbox events of the case's last write that are not on the timeline yet. */
export async function ensureOutbox(store: Store, item: CaseItem, priv?: Sealed): Promise<void> {
  const ids = item.outboxIds ?? [];
  if (ids.length === 0) return;
  const found = await batchGet(
    store,
    ids.map((id) => keys.event(item.caseId, id)),
    { expression: 'pk, sk', names: {} },
  );
  if (found.length === ids.length) return;
  const sealed = priv ?? (await openCase(store, item));
  const present = new Set(found.map((f) => f.sk as string));
  await putEvents(
    store,
    item.caseId,
    sealed.outbox.filter((e) => !present.has(keys.event(item.caseId, e.id).sk)),
  );
}

/** Finishes what a crashed create left unwritten: its links and its outbox events. */
async function repairAfterCreate(store: Store, item: CaseItem): Promise<void> {
  await putLinks(store, item.caseId, parseLinkKeys(item.linkKeys));
  await ensureOutbox(store, item);
}

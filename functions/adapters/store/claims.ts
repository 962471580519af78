/**
 * The intake idempotency claim: one item per key hash, fixing which case id and reference a key
 * gets. A key the caller chose (an Idempotency-Key, the form's token) keeps its case forever. A
 * keyless report's key is the report itself: its claim holds only within the duplicate window and
 * while the case is not closed (core/rules/repeat-report.ts); after that the next identical report
 * takes the claim over, with a conditional put on the case it held, for a new case.
 */
import { randomUUID } from 'node:crypto';
import { ITEM_TYPE } from '../../contract/table-layout.js';
import { isRepeatReport } from '../../core/rules/repeat-report.js';
import { isConditionFailed } from '../dynamo.js';
import { ConflictError } from '../errors.js';
import { getCaseItem, getItem, putItem, type Store } from './access.js';
import { claimKey } from './references.js';
import { putEvents } from './timeline.js';

/** Who a key belongs to: the case id and reference, and whether an earlier report held it (`matched`). */
export interface Claimed {
  caseId: string;
  reference: string;
  matched: boolean;
}

/** How many times a keyless claim is looked at again when other reports race for it. */
const ATTEMPTS = 4;

/**
 * Claims `idempotencyKey` for `candidate`, or finds the earlier report that holds it. With
 * `repeatWindow` (a keyless report) an earlier claim counts only while `isRepeatReport` says so;
 * otherwise this report takes the claim over.
 */
export async function claim(
  store: Store,
  idempotencyKey: string,
  candidate: { caseId: string; reference: string },
  repeatWindow?: { hours: number },
): Promise<Claimed> {
  const key = claimKey(idempotencyKey);
  const Item = { ...key, itemType: ITEM_TYPE.idempotency, ...candidate, claimedAt: store.now().toISOString() };
  try {
    await putItem(store, { Item, ConditionExpression: 'attribute_not_exists(pk)' });
    return { ...candidate, matched: false };
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await getItem(store, key);
    if (!existing) throw new ConflictError('idempotency claim vanished; try again');
    const earlier = { caseId: existing.caseId as string, reference: existing.reference as string, matched: true };
    if (!repeatWindow) return earlier;
    const status = (await getCaseItem(store, earlier.caseId))?.status;
    const receivedAt = existing.claimedAt as string;
    if (isRepeatReport({ receivedAt, ...(status ? { status } : {}) }, store.now(), repeatWindow)) return earlier;
    try {
      await putItem(store, {
        Item,
        ConditionExpression: '#case = :earlier',
        ExpressionAttributeNames: { '#case': 'caseId' },
        ExpressionAttributeValues: { ':earlier': earlier.caseId },
      });
      return { ...candidate, matched: false };
    } catch (e) {
      // Another identical report took it over first: look at whose it is now.
      if (!isConditionFailed(e)) throw e;
    }
  }
  throw new ConflictError('idempotency claim contended; try again');
}

/**
 * Records on the case that a keyless report matched it inside the window: fixed words only (the
 * event type), so staff see the report came twice. Each repeat is its own event.
 */
export async function recordRepeat(store: Store, caseId: string): Promise<void> {
  const at = store.now().toISOString();
  await putEvents(store, caseId, [
    { id: `repeat-${randomUUID()}`, seq: 0, type: 'report-repeated', at, actor: 'system' },
  ]);
}

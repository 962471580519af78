/**
 * setNextDueAt: one conditional update (`version = expected`) of the clear meta only (nextDueAt, the
 * clock and duty keeping it, and the open indexes' sort key, in the tier the item's key has), no
 * decrypt or seal; it bumps the version, so an updateCase that read the earlier version fails with
 * ConflictError instead of putting a stale deadline back. The work-queue facts (`worklist`) are left
 * as the last full write derived them: they come from the state and config, which this does not change.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dueSortKey, isDangerFirst, isHighRiskFirst, keys } from '../../contract/table-layout.js';
import type { NextDeadline } from '../../core/clock-plan.js';
import { isConditionFailed, storageCall } from '../dynamo.js';
import { ConflictError, NotFoundError, RepositoryUsageError } from '../errors.js';
import { getItem, type Store } from './access.js';
import { checkedNextDue } from './records.js';
import type { NextDueFields } from './types.js';

/**
 * Sets the case's clear next deadline and the clock keeping it (undefined removes them) at
 * `expectedVersion`, moving it in the open-by-due indexes, without opening the sealed part. Nothing
 * is written when it already holds them. Throws ConflictError when the case is at another version.
 * Returns the case's version.
 */
export async function setNextDueAt(
  store: Store,
  caseId: string,
  expectedVersion: number,
  next: NextDeadline | undefined,
): Promise<{ version: number; changed: boolean }> {
  let wanted: NextDueFields | undefined;
  if (next) {
    const due = new Date(next.deadline);
    if (Number.isNaN(due.getTime())) throw new RepositoryUsageError('nextDueAt must be an ISO instant');
    wanted = { nextDueAt: due.toISOString(), nextDueClock: next.clock, nextDueDuty: next.duty };
  }
  const fields = checkedNextDue(wanted);
  const names = { '#version': 'version', '#status': 'status' };
  const item = await getItem(
    store,
    keys.case(caseId),
    '#version, #status, nextDueAt, nextDueClock, nextDueDuty, dueSk, reportedAt',
    names,
  );
  if (!item) throw new NotFoundError('case not found', caseId);
  const version = item.version as number;
  if (version !== expectedVersion)
    throw new ConflictError('case has changed since it was read', caseId, expectedVersion, version);
  const same =
    item.nextDueAt === fields.nextDueAt &&
    item.nextDueClock === fields.nextDueClock &&
    item.nextDueDuty === fields.nextDueDuty;
  if (same) return { version, changed: false };
  const values: Record<string, unknown> = {
    ':v': expectedVersion,
    ':next': expectedVersion + 1,
    ':now': store.now().toISOString(),
  };
  const set = ['#version = :next', 'updatedAt = :now'];
  const remove: string[] = [];
  if (fields.nextDueAt) {
    set.push('nextDueAt = :due', 'nextDueClock = :clock', 'nextDueDuty = :duty');
    Object.assign(values, { ':due': fields.nextDueAt, ':clock': fields.nextDueClock, ':duty': fields.nextDueDuty });
  } else remove.push('nextDueAt', 'nextDueClock', 'nextDueDuty');
  // The version condition pins the status read above: the open indexes' key exists only while open.
  if (item.status === 'open') {
    set.push('dueSk = :dueSk');
    // The state is not read here: an open danger or high-risk case keeps the tier the last full write gave it.
    const dangerSince = isDangerFirst(item.dueSk) ? (item.reportedAt as string) : undefined;
    values[':dueSk'] = dueSortKey(fields.nextDueAt, caseId, dangerSince, isHighRiskFirst(item.dueSk));
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

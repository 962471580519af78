/**
 * The sweep's reads (functions/sweep): every open case's id and last write, page by page, from the
 * open-by-due index (one Query a page over its whole partition: the three tiers listOpenCases merges,
 * in key order, without the work queue's order, filters or summaries), and a case's status. Apart from
 * queries.ts and reads.ts so the sweep's bundle carries neither the work-queue order nor the core the
 * summaries are read with.
 */
import { INDEX, indexKeyAttributes, keys } from '../../contract/table-layout.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { getItem, queryOnce, type Store } from './access.js';
import type { Page } from './types.js';

/** An open case as the sweep lists it. */
export interface OpenCaseKey {
  caseId: string;
  /** When the case item was last written. */
  updatedAt: string;
}

/** A page of them: how many (default 100, at most 500), and after where. */
export interface OpenCaseKeysQuery {
  limit?: number;
  cursor?: string;
}

/** The open-by-due index's keys of an item (what a page's LastEvaluatedKey holds). */
const OPEN_KEYS = indexKeyAttributes(INDEX.openByDue);

/** A LastEvaluatedKey of the open-by-due index's open partition, as DynamoDB gives them. */
function isOpenStartKey(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length === OPEN_KEYS.length &&
    entries.every(([k, x]) => OPEN_KEYS.includes(k) && typeof x === 'string' && x.length <= 300) &&
    (v as Record<string, string>).openPk === keys.openAll
  );
}

/** Every open case's id and last write, `limit` a page (default 100), in the index's key order. Page with `cursor`. */
export async function listOpenCaseKeys(store: Store, q: OpenCaseKeysQuery = {}): Promise<Page<OpenCaseKey>> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 500);
  const out = await queryOnce(store, {
    IndexName: INDEX.openByDue,
    KeyConditionExpression: 'openPk = :pk',
    ExpressionAttributeValues: { ':pk': keys.openAll },
    ProjectionExpression: 'caseId, updatedAt',
    Limit: limit,
    ...(q.cursor ? { ExclusiveStartKey: decodeCursor(q.cursor, isOpenStartKey) } : {}),
  });
  const items = (out.Items ?? []).map((i) => ({ caseId: i.caseId as string, updatedAt: i.updatedAt as string }));
  return out.LastEvaluatedKey ? { items, cursor: encodeCursor(out.LastEvaluatedKey) } : { items };
}

/** A case's status (`open`, `closed`…), read consistently, or undefined when there is no such case. */
export async function getCaseStatus(store: Store, caseId: string): Promise<{ status: string } | undefined> {
  const item = await getItem(store, keys.case(caseId), '#status', { '#status': 'status' });
  return item ? { status: item.status as string } : undefined;
}

/**
 * The workflow's own small record per case, kept in the case table beside the case item
 * (pk CASE#<id>, sk WORKFLOW) plus one send marker per email (sk SENT#<key>: the send's claim, see
 * mailer.ts) or alarm raised. It holds ids, counters, task tokens and clock keys only: nothing
 * personal, so it is not sealed.
 *
 * The change counter closes the race between a change and the lifecycle's wait: Triage reads the
 * counter before it reads the case; the wait parks its token only if the counter is unchanged, and
 * `bumpChange` returns the parked token for the caller to resume.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_TYPE, keys } from '../contract/table-layout.js';
import { isConditionFailed } from './dynamo.js';
import type { SendMarkers } from './mailer.js';
import { claimSend, settleSend } from './send-claim.js';

/** The lifecycle's record of one case. */
export interface WorkflowRecord {
  changeSeq: number;
  /** The task token of the lifecycle's current wait, if one is parked. */
  token?: string;
  /**
   * The counter the token was parked at (brief: the wait of pending alerts): while changeSeq is that, nothing
   * was counted since; `at` (ISO), when it was parked: a case written later changed even if its count was lost.
   */
  parked?: { seq: number; brief: boolean; at?: string };
  /** Clocks started and not stopped: key → generation (a clock stopped and planned again runs as a new generation). */
  clocks: Record<string, number>;
  /** Clocks stopped: key → the generation that was stopped. */
  stopped: Record<string, number>;
  /** Clock keys whose execution ran to its end (quiet, or every tier told): never started again. */
  finished?: string[];
  /** The clock ledger's version: each `setClocks` and `retireClock` adds one; a stale write is refused (absent: 0). */
  clockSeq?: number;
  /** The highest lifecycle continuation started (`<caseId>-<n>`); absent while only the first ran. */
  lifecycle?: number;
}

/** Storage the lifecycle needs; DynamoDB in AWS and on one machine (dynalite). */
export interface WorkflowStore extends SendMarkers {
  /** The record (an empty one if none yet). */
  get(caseId: string): Promise<WorkflowRecord>;
  /** Counts a change and returns the record after it (with any parked token). */
  bumpChange(caseId: string): Promise<WorkflowRecord>;
  /** Parks a token at `at` if no change was counted since `seen` (`brief`: the wait of pending alerts); false means a change landed: resume at once. */
  parkToken(caseId: string, token: string, seen: number, brief?: boolean, at?: Date): Promise<boolean>;
  /** Removes a token once resumed (only if it is still the one parked). */
  clearToken(caseId: string, token: string): Promise<void>;
  /** Records the clocks running and stopped if the ledger is still at `seen` (its clockSeq); false: read again and re-reconcile. */
  setClocks(
    caseId: string,
    clocks: Record<string, number>,
    stopped: Record<string, number>,
    seen: number,
  ): Promise<boolean>;
  /**
   * Moves a clock that ended without finishing (failed, timed out, parked) or that ended for good from the
   * running clocks to the stopped ones, if that generation is still the one recorded (a new version of the
   * ledger); the next Triage starts the next generation if the plan still has it.
   */
  retireClock(caseId: string, key: string, generation: number): Promise<void>;
  /**
   * Moves a clock whose execution ended by itself (SUCCEEDED) from the running clocks to the finished keys,
   * if that generation is still the one recorded, so that Step Functions forgetting it (90 days after) never
   * makes it look lost.
   */
  finishClock(caseId: string, key: string, generation: number): Promise<void>;
  /** Records that lifecycle continuation `n` was started (kept only if higher than the one recorded). */
  noteLifecycle(caseId: string, n: number): Promise<void>;
  /** Claims the next unused lifecycle continuation number (≥ 1) for a case that opens again. */
  nextLifecycle(caseId: string): Promise<number>;
  /** Whether a marker exists (an alarm raised; a send claimed). */
  hasMarker(caseId: string, key: string): Promise<boolean>;
  /** Writes a marker (harmless if it exists). */
  putMarker(caseId: string, key: string, at: Date): Promise<void>;
}

/** The DynamoDB workflow store over the association's case table. */
export function createDynamoWorkflowStore(options: { doc: DynamoDBDocumentClient; tableName: string }): WorkflowStore {
  const { doc, tableName: TableName } = options;
  const toRecord = (item: Record<string, unknown> | undefined): WorkflowRecord => {
    const r: WorkflowRecord = {
      changeSeq: Number(item?.changeSeq ?? 0),
      clocks: (item?.clocks as Record<string, number> | undefined) ?? {},
      stopped: (item?.stopped as Record<string, number> | undefined) ?? {},
      clockSeq: Number(item?.clockSeq ?? 0),
      finished: [...((item?.finished as Set<string> | undefined) ?? [])].sort(),
    };
    if (typeof item?.token === 'string') r.token = item.token;
    if (typeof item?.token === 'string' && typeof item?.parkedSeq === 'number')
      r.parked = {
        seq: item.parkedSeq,
        brief: item.parkedBrief === true,
        ...(typeof item.parkedAt === 'string' ? { at: item.parkedAt } : {}),
      };
    if (typeof item?.lifecycle === 'number') r.lifecycle = item.lifecycle;
    return r;
  };
  /** Adds one to a counter on the case's workflow record (atomic, no read first); the record as it now is. */
  const increment = async (caseId: string, counter: 'changeSeq' | 'lifecycle') =>
    (
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.workflow(caseId),
          UpdateExpression: `ADD ${counter} :one SET itemType = :t`,
          ExpressionAttributeValues: { ':one': 1, ':t': ITEM_TYPE.workflow },
          ReturnValues: 'ALL_NEW',
        }),
      )
    ).Attributes;
  return {
    async get(caseId) {
      const out = await doc.send(new GetCommand({ TableName, Key: keys.workflow(caseId), ConsistentRead: true }));
      return toRecord(out.Item);
    },
    async bumpChange(caseId) {
      return toRecord(await increment(caseId, 'changeSeq'));
    },
    async parkToken(caseId, token, seen, brief = false, at) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            // An older parkedAt is removed with a token parked without one: it would date the wrong wait.
            UpdateExpression: `SET #token = :token, parkedSeq = :seen, parkedBrief = :brief, itemType = :t${at ? ', parkedAt = :at' : ' REMOVE parkedAt'}`,
            ConditionExpression:
              seen === 0 ? 'attribute_not_exists(changeSeq) OR changeSeq = :seen' : 'changeSeq = :seen',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: {
              ':token': token,
              ':seen': seen,
              ':brief': brief,
              ':t': ITEM_TYPE.workflow,
              ...(at ? { ':at': at.toISOString() } : {}),
            },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
    async clearToken(caseId, token) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'REMOVE #token',
            ConditionExpression: '#token = :token',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':token': token },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    async setClocks(caseId, clocks, stopped, seen) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'SET clocks = :k, stopped = :s, itemType = :t ADD clockSeq :one',
            ConditionExpression: seen === 0 ? 'attribute_not_exists(clockSeq) OR clockSeq = :seen' : 'clockSeq = :seen',
            ExpressionAttributeValues: {
              ':k': clocks,
              ':s': stopped,
              ':t': ITEM_TYPE.workflow,
              ':one': 1,
              ':seen': seen,
            },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
    async retireClock(caseId, key, generation) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'REMOVE clocks.#key SET stopped.#key = :g ADD clockSeq :one',
            ConditionExpression: 'clocks.#key = :g',
            ExpressionAttributeNames: { '#key': key },
            ExpressionAttributeValues: { ':g': generation, ':one': 1 },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    async finishClock(caseId, key, generation) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'REMOVE clocks.#key ADD finished :key, clockSeq :one',
            ConditionExpression: 'clocks.#key = :g',
            ExpressionAttributeNames: { '#key': key },
            ExpressionAttributeValues: { ':g': generation, ':key': new Set([key]), ':one': 1 },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    async noteLifecycle(caseId, n) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'SET lifecycle = :n, itemType = :t',
            ConditionExpression: 'attribute_not_exists(lifecycle) OR lifecycle < :n',
            ExpressionAttributeValues: { ':n': n, ':t': ITEM_TYPE.workflow },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    async nextLifecycle(caseId) {
      return Number((await increment(caseId, 'lifecycle'))?.lifecycle);
    },
    async hasMarker(caseId, key) {
      const out = await doc.send(new GetCommand({ TableName, Key: keys.sent(caseId, key), ConsistentRead: true }));
      return out.Item !== undefined;
    },
    async putMarker(caseId, key, at) {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...keys.sent(caseId, key), itemType: ITEM_TYPE.sendMarker, at: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    claimSend: (caseId, key, copies, at) => claimSend(doc, TableName, keys.sent(caseId, key), copies, at),
    settleSend: (caseId, key, how, token) => settleSend(doc, TableName, keys.sent(caseId, key), how, token),
  };
}

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
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_TYPE, keys } from '../contract/table-layout.js';
import { isConditionFailed } from './dynamo.js';
import { ClaimTakenError, type SendClaim, type SendMarkers, type SendSettlement } from './mailer.js';

/** The lifecycle's record of one case. */
export interface WorkflowRecord {
  changeSeq: number;
  /** The task token of the lifecycle's current wait, if one is parked. */
  token?: string;
  /** The counter the token was parked at (brief: the wait of pending alerts): while changeSeq is that, nothing changed since. */
  parked?: { seq: number; brief: boolean };
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
  /** Parks a token if no change was counted since `seen` (`brief`: the wait of pending alerts); false means a change landed: resume at once. */
  parkToken(caseId: string, token: string, seen: number, brief?: boolean): Promise<boolean>;
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
      r.parked = { seq: item.parkedSeq, brief: item.parkedBrief === true };
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
    async parkToken(caseId, token, seen, brief = false) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.workflow(caseId),
            UpdateExpression: 'SET #token = :token, parkedSeq = :seen, parkedBrief = :brief, itemType = :t',
            ConditionExpression:
              seen === 0 ? 'attribute_not_exists(changeSeq) OR changeSeq = :seen' : 'changeSeq = :seen',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: { ':token': token, ':seen': seen, ':brief': brief, ':t': ITEM_TYPE.workflow },
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

/**
 * Moves a claim on. `sending` (just before the SES request) and `released` / `refused` / `uncertain`
 * (after it) only from this attempt's own claim (its token): an attempt taken over can neither send nor
 * settle. `sent` always: SES took it, whoever asked.
 */
async function settleSend(
  doc: DynamoDBDocumentClient,
  TableName: string,
  Key: Record<string, string>,
  how: SendSettlement,
  token: string | undefined,
): Promise<void> {
  const from = how === 'sending' ? 'claimed' : 'sending';
  const update =
    how === 'sent'
      ? { UpdateExpression: 'SET #state = :to', ExpressionAttributeValues: { ':to': 'sent' } }
      : {
          UpdateExpression: how === 'uncertain' ? 'SET #state = :to ADD copies :one' : 'SET #state = :to',
          ConditionExpression: '#state = :from AND #token = :token',
          ExpressionAttributeValues: {
            ':to': how,
            ':from': from,
            ':token': token ?? '',
            ...(how === 'uncertain' ? { ':one': 1 } : {}),
          },
        };
  const names = { '#state': 'state', ...(how === 'sent' ? {} : { '#token': 'token' }) };
  try {
    await doc.send(new UpdateCommand({ TableName, Key, ExpressionAttributeNames: names, ...update }));
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    if (how !== 'sending') return;
    // A lost reply retried by the SDK finds its own write done.
    const item = (await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;
    if (item?.token === token && item?.state === 'sending') return;
    throw new ClaimTakenError();
  }
}

/** Attempts at moving a claim on when another writer keeps landing first. */
const CLAIM_ATTEMPTS = 3;

/**
 * One send's claim item: `state` claimed (an attempt holds it, its `token`, and has not called SES) →
 * sending (the request may go) → sent, released (SES refused, may try again), refused (SES will never
 * take it) or uncertain (no answer: one more possible copy in `copies`). A claim found `claimed` never
 * reached SES: it is claimed again as it is. One found `sending` was never settled (the Lambda died
 * mid-send, or still runs): it counts as a possible copy. A marker without `state` was written before
 * claims existed and means sent. A failed condition on an item holding this attempt's own token is this
 * attempt's write whose reply was lost (the SDK retried it): the claim is ours.
 */
async function claimSend(
  doc: DynamoDBDocumentClient,
  TableName: string,
  Key: Record<string, string>,
  copies: number,
  at: Date,
): Promise<SendClaim> {
  const token = randomUUID();
  const names = { ExpressionAttributeNames: { '#state': 'state' } };
  try {
    await doc.send(
      new PutCommand({
        TableName,
        Item: { ...Key, itemType: ITEM_TYPE.sendMarker, state: 'claimed', token, copies: 0, at: at.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { claim: 'claimed', token };
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
  for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
    const item = (await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item;
    const state = item?.state;
    if (state === undefined || state === 'sent') return { claim: 'sent' };
    if (state === 'refused') return { claim: 'refused' };
    if (item?.token === token) return state === 'claimed' ? { claim: 'claimed', token } : { claim: 'maybe-sent' };
    const seen = Number(item?.copies ?? 0);
    const out = seen + (state === 'sending' ? 1 : 0);
    const go = out < copies;
    if (!go && state !== 'sending') return { claim: 'maybe-sent' };
    try {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET #state = :to, copies = :out, #at = :at, #token = :token',
          ConditionExpression: '#state = :state AND copies = :seen',
          ExpressionAttributeNames: { ...names.ExpressionAttributeNames, '#at': 'at', '#token': 'token' },
          ExpressionAttributeValues: {
            ':token': token,
            ':to': go ? 'claimed' : 'uncertain',
            ':out': out,
            ':at': at.toISOString(),
            ':state': state,
            ':seen': seen,
          },
        }),
      );
      return go ? { claim: 'claimed', token } : { claim: 'maybe-sent' };
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }
  // Another attempt keeps moving the claim: it is sending, so this one must not.
  return { claim: 'maybe-sent' };
}

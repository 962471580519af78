/**
 * A send's claim (sk SENT#<key> beside the case's workflow record, see workflow-store.ts and mailer.ts):
 * one email goes at most the copies allowed, whichever attempt sends it.
 */
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_TYPE } from '../contract/table-layout.js';
import { isConditionFailed } from './dynamo.js';
import { ClaimTakenError, type SendClaim, type SendSettlement } from './mailer.js';

/**
 * Moves a claim on. `sending` (just before the SES request) and `released` / `refused` / `uncertain`
 * (after it) only from this attempt's own claim (its token): an attempt taken over can neither send nor
 * settle. `sent` always: SES took it, whoever asked.
 */
export async function settleSend(
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
export async function claimSend(
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

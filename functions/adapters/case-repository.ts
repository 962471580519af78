/**
 * The case store of one association: one DynamoDB table (layout in case-table.ts), personal data
 * sealed by field-crypto.ts, every write safe without transactions.
 *
 * How the writes stay safe (dynalite has no transactions):
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
 * - Events are append-only: a conditional put on `CASE#id / EV#eventId`; the same id appends once.
 * - Reads by staff append a `case-viewed` event before any data is returned.
 * Queries only (never Scan): the console and figures read GSIs projecting clear meta.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { CLOCK_DUTY, type ClockName } from '../core/association.js';
import type { CaseState } from '../core/case.js';
import type { NextDeadline } from '../core/clock-plan.js';
import type { Duty } from '../core/duties.js';
import type { Report } from '../core/report.js';
import {
  type CaseEvent,
  type CaseNote,
  type CasePrivate,
  type CaseSummary,
  type FiguresQuery,
  type FiguresSummary,
  type HomeMarker,
  type LinkedCase,
  type LinkKey,
  type LinkKind,
  type NewCase,
  type NextDueFields,
  type NewEvent,
  type OpenCasesQuery,
  type Page,
  type Reader,
  type StoredCase,
} from './case-types.js';
import { type CaseItem, type EventItem, INDEX, caseItem, dueSortKey, figuresSummaryOf, keys, parseLinkKeys, quartersBetween, summaryOf } from './case-table.js';
import { DEFAULT_RETRY, type RetryPolicy, isConditionFailed, withRetry } from './dynamo.js';
import { ConflictError, InvalidInputError, NotFoundError, RepositoryUsageError } from './errors.js';
import type { FieldCrypto } from './field-crypto.js';
import { homeKeys } from './link-keys.js';

export { tableDefinition } from './case-table.js';
export * from './case-types.js';

/** What the repository needs: a document client, the association's table and key source, a clock. */
export interface CaseRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  associationId: string;
  crypto: FieldCrypto;
  /** Time is passed in (tests and the local runtime control it). Defaults to the system clock. */
  now?: () => Date;
  retry?: RetryPolicy;
}

/** The result of `createCase`: `created` is true for exactly one of any number of calls with one key. */
export interface CreateCaseResult {
  created: boolean;
  caseId: string;
  reference: string;
}

/** Turns a stored case into the next one. It gets a deep copy; ids, reference and version must not change. */
export type CaseMutation = (current: StoredCase) => StoredCase | Promise<StoredCase>;

interface PendingEvent extends NewEvent {
  id: string;
  seq: number;
}
interface Sealed extends CasePrivate {
  outbox: PendingEvent[];
}

const EVENT_ID = /^[A-Za-z0-9._:-]{1,120}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh case id (UUID) and a reference to give the reporter (HV-XXXX-XXXX, 40 random bits). */
export function newCaseIdentity(): { id: string; reference: string } {
  const bytes = randomBytes(8);
  let ref = '';
  for (let i = 0; i < 8; i++) ref += CROCKFORD[bytes[i]! % 32];
  return { id: randomUUID(), reference: `HV-${ref.slice(0, 4)}-${ref.slice(4)}` };
}

/** Builds the case repository for one association's table. */
export function createCaseRepository(options: CaseRepositoryOptions): CaseRepository {
  return new CaseRepository(options);
}

/** The case store of one association (see the top of this file for how writes stay safe). */
export class CaseRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly associationId: string;
  private readonly crypto: FieldCrypto;
  private readonly now: () => Date;
  private readonly retry: RetryPolicy;

  constructor(options: CaseRepositoryOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.associationId = options.associationId;
    this.crypto = options.crypto;
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /**
   * Creates a case once per idempotency key, with its link items and a `reported` event. A repeat (or
   * a concurrent duplicate) returns the existing case id and reference with `created: false`, and
   * finishes anything a crashed earlier attempt left unwritten.
   */
  async createCase(input: NewCase): Promise<CreateCaseResult> {
    if (input.state.associationId !== this.associationId) throw new RepositoryUsageError('case belongs to another association');
    if (!input.idempotencyKey) throw new RepositoryUsageError('an idempotency key is required');
    const fresh = newCaseIdentity();
    const candidate = { caseId: input.state.id || fresh.id, reference: input.state.reference || fresh.reference };
    const idemKey = keys.idempotency(createHash('sha256').update(input.idempotencyKey).digest('hex'));
    const nowIso = this.now().toISOString();

    let claim: { caseId: string; reference: string };
    try {
      await this.send('PutItem', () =>
        this.client.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...idemKey, itemType: 'idempotency', ...candidate, claimedAt: nowIso },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      claim = candidate;
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      const existing = await this.getItem(idemKey);
      if (!existing) throw new ConflictError('idempotency claim vanished; try again');
      claim = { caseId: existing.caseId as string, reference: existing.reference as string };
    }

    const already = await this.getCaseItem(claim.caseId);
    if (already) {
      await this.repairAfterCreate(already);
      return { created: false, ...claim };
    }

    const state: CaseState = { ...input.state, id: claim.caseId, reference: claim.reference };
    const events: NewEvent[] = [{ type: 'reported', at: state.reportedAt, actor: 'system', id: 'reported' }, ...(input.events ?? [])];
    const outbox = this.pending(events, (i) => `create-${i}`);
    const linkKeys = dedupeLinks(input.linkKeys ?? []);
    const priv: Sealed = {
      state,
      report: input.report,
      notes: input.notes ?? [],
      ...(input.safetyPlan ? { safetyPlan: input.safetyPlan } : {}),
      ...(input.dashAnswers ? { dashAnswers: input.dashAnswers } : {}),
      outbox,
    };
    const summary = this.summarise(priv, { caseId: claim.caseId, reference: claim.reference, version: 1, createdAt: nowIso, updatedAt: nowIso, ...checkedNextDue(input) });
    const item = caseItem(summary, state, linkKeys, outbox.map((e) => e.id), await this.seal(priv, claim.caseId));
    try {
      await this.send('PutItem', () =>
        this.client.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      // A concurrent submission with the same key wrote it first.
      const winner = await this.getCaseItem(claim.caseId);
      if (winner) await this.repairAfterCreate(winner);
      return { created: false, ...claim };
    }
    await this.putLinks(claim.caseId, linkKeys);
    await this.putEvents(claim.caseId, outbox);
    return { created: true, ...claim };
  }

  /**
   * Reads and decrypts a case, with the markers on its home(s). A staff reader's read is recorded
   * (`case-viewed`) before anything is returned, and staff also get the linked earlier cases.
   */
  async getCase(caseId: string, reader: Reader): Promise<StoredCase> {
    const item = await this.getCaseItem(caseId);
    if (!item) throw new NotFoundError('case not found', caseId);
    if (reader !== 'system') {
      await this.putEvents(caseId, [{ id: `view-${randomUUID()}`, seq: 0, type: 'case-viewed', at: this.now().toISOString(), actor: { sub: reader.sub, role: reader.role } }]);
    }
    const priv = await this.open(item);
    const linkKeys = parseLinkKeys(item.linkKeys);
    const [markers, history] = await Promise.all([
      this.markersFor(linkKeys),
      reader === 'system' ? Promise.resolve([]) : this.findLinkedCases(linkKeys, { excludeCaseId: caseId }),
    ]);
    return this.stored(item, priv, markers, history);
  }

  /** The clear summary of a case (no personal data, so no read is recorded), or undefined. */
  async getSummary(caseId: string): Promise<CaseSummary | undefined> {
    const item = await this.getCaseItem(caseId);
    return item ? summaryOf(item) : undefined;
  }

  /** Finds a case by the reference the reporter was given (a GSI query). */
  async findCaseByReference(reference: string): Promise<CaseSummary | undefined> {
    const out = await this.query({ IndexName: INDEX.byReference, KeyConditionExpression: '#ref = :r', ExpressionAttributeNames: { '#ref': 'reference' }, ExpressionAttributeValues: { ':r': reference }, Limit: 1 });
    const first = out.Items?.[0];
    return first ? summaryOf(first) : undefined;
  }

  /**
   * Applies `mutate` to the case at `expectedVersion` and writes it with one conditional put, then
   * appends `events` (ids: the given idempotency id, else `v<version>-<n>`). Throws ConflictError when
   * the case is at another version, or another writer got there first. Returns the new case.
   */
  async updateCase(caseId: string, expectedVersion: number, mutate: CaseMutation, events: NewEvent[] = []): Promise<StoredCase> {
    const item = await this.getCaseItem(caseId);
    if (!item) throw new NotFoundError('case not found', caseId);
    if (item.version !== expectedVersion) throw new ConflictError('case has changed since it was read', caseId, expectedVersion, item.version);
    const priv = await this.open(item);
    await this.ensureOutbox(item, priv);

    const current = this.stored(item, priv, [], []);
    const next = await mutate(structuredClone(current));
    if (
      next.caseId !== caseId ||
      next.reference !== item.reference ||
      next.version !== item.version ||
      next.state.id !== caseId ||
      next.state.reference !== item.reference ||
      next.state.associationId !== this.associationId
    ) {
      throw new RepositoryUsageError('a case update must not change its id, reference, association or version');
    }
    const version = expectedVersion + 1;
    const nowIso = this.now().toISOString();
    const outbox = this.pending(events, (i) => `v${version}-${i}`);
    const linkKeys = dedupeLinks(next.linkKeys);
    const sealed: Sealed = {
      state: next.state,
      report: next.report,
      notes: next.notes,
      ...(next.safetyPlan ? { safetyPlan: next.safetyPlan } : {}),
      ...(next.dashAnswers ? { dashAnswers: next.dashAnswers } : {}),
      outbox,
    };
    const summary = this.summarise(sealed, { caseId, reference: item.reference, version, createdAt: item.createdAt, updatedAt: nowIso, ...checkedNextDue(next) });
    const newItem = caseItem(summary, next.state, linkKeys, outbox.map((e) => e.id), await this.seal(sealed, caseId));
    try {
      await this.send('PutItem', () =>
        this.client.send(
          new PutCommand({ TableName: this.table, Item: newItem, ConditionExpression: '#version = :v', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
        ),
      );
    } catch (e) {
      if (isConditionFailed(e)) throw new ConflictError('case was changed by someone else', caseId, expectedVersion);
      throw e;
    }
    const known = new Set(item.linkKeys);
    await this.putLinks(caseId, linkKeys.filter((l) => !known.has(`${l.kind}:${l.key}`)));
    await this.putEvents(caseId, outbox);
    return this.stored(newItem, sealed, await this.markersFor(linkKeys), []);
  }

  /**
   * Sets the case's clear next deadline and the clock keeping it (undefined removes them) at
   * `expectedVersion`, moving it in the open-by-due indexes, without opening the sealed part. Nothing
   * is written when it already holds them. Throws ConflictError when the case is at another version.
   * Returns the case's version.
   */
  async setNextDueAt(caseId: string, expectedVersion: number, next: NextDeadline | undefined): Promise<{ version: number; changed: boolean }> {
    const due = next === undefined ? undefined : new Date(next.deadline);
    if (due && Number.isNaN(due.getTime())) throw new RepositoryUsageError('nextDueAt must be an ISO instant');
    const fields = checkedNextDue(next && { nextDueAt: due!.toISOString(), nextDueClock: next.clock, nextDueDuty: next.duty });
    const item = await this.getItem(keys.case(caseId), '#version, #status, nextDueAt, nextDueClock, nextDueDuty', { '#version': 'version', '#status': 'status' });
    if (!item) throw new NotFoundError('case not found', caseId);
    const version = item.version as number;
    if (version !== expectedVersion) throw new ConflictError('case has changed since it was read', caseId, expectedVersion, version);
    if (item.nextDueAt === fields.nextDueAt && item.nextDueClock === fields.nextDueClock && item.nextDueDuty === fields.nextDueDuty) return { version, changed: false };
    const values: Record<string, unknown> = { ':v': expectedVersion, ':next': expectedVersion + 1, ':now': this.now().toISOString() };
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
      await this.send('UpdateItem', () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.table,
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

  /**
   * Appends one event to a case's timeline. With `event.id` it is idempotent: the same id is recorded
   * once (`appended: false` the second time).
   */
  async appendEvent(caseId: string, event: NewEvent): Promise<{ appended: boolean; eventId: string }> {
    const item = await this.getItem(keys.case(caseId), 'pk');
    if (!item) throw new NotFoundError('case not found', caseId);
    const [pending] = this.pending([event], () => `e-${randomUUID()}`);
    const [appended] = await this.putEvents(caseId, [pending!]);
    return { appended: appended!, eventId: pending!.id };
  }

  /** The whole timeline of a case, oldest first, details decrypted. Re-appends any events a crash dropped. */
  async listEvents(caseId: string): Promise<CaseEvent[]> {
    const item = await this.getCaseItem(caseId);
    if (!item) throw new NotFoundError('case not found', caseId);
    await this.ensureOutbox(item);
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':ev': keys.eventPrefix },
      ConsistentRead: true,
    });
    const events = await Promise.all(items.map((i) => this.eventOf(i as unknown as EventItem)));
    return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order)).map(({ order: _order, ...e }) => e);
  }

  /**
   * Open cases, soonest next deadline first, from the open-by-due GSI (or open-by-area-due with
   * `area`). `overdueAt` keeps cases due before it; `risk` and `officer` filter. Page with `cursor`.
   */
  async listOpenCases(q: OpenCasesQuery = {}): Promise<Page<CaseSummary>> {
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
    const values: Record<string, unknown> = { ':pk': q.area ? `OPEN#${q.area}` : 'OPEN' };
    const names: Record<string, string> = {};
    let keyCondition = q.area ? 'openAreaPk = :pk' : 'openPk = :pk';
    if (q.overdueAt) {
      keyCondition += ' AND dueSk < :due';
      values[':due'] = q.overdueAt.toISOString();
    }
    const filters: string[] = [];
    if (q.risk) {
      filters.push('#risk = :risk');
      names['#risk'] = 'risk';
      values[':risk'] = q.risk;
    }
    if (q.officer) {
      filters.push('assignedOfficer = :officer');
      values[':officer'] = q.officer;
    }
    const items: CaseSummary[] = [];
    let cursor = decodeCursor(q.cursor);
    // Limit caps items evaluated, so each page returns at most what is still wanted: the cursor is exact.
    do {
      const out = await this.query({
        IndexName: q.area ? INDEX.openByAreaDue : INDEX.openByDue,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        Limit: limit - items.length,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      });
      for (const i of out.Items ?? []) items.push(summaryOf(i));
      cursor = out.LastEvaluatedKey;
    } while (cursor && items.length < limit);
    return cursor ? { items, cursor: encodeCursor(cursor) } : { items };
  }

  /**
   * Every case reported in [from, to) (any status), optionally one area, oldest first, with its clear
   * figures facts: by-quarter GSI queries. With `activeSince`, also every case open now (open-by-due)
   * or closed at or after it (by-closed-quarter), whenever reported. Queries only, never a Scan.
   */
  async listCasesForFigures(q: FiguresQuery): Promise<FiguresSummary[]> {
    if (!(q.from < q.to)) throw new InvalidInputError('figures range: from must be before to');
    const byId = new Map<string, FiguresSummary>();
    const add = (items: Record<string, unknown>[]) => {
      for (const i of items) byId.set(i.caseId as string, figuresSummaryOf(i));
    };
    const areaPrefix = q.area ? { ':area': `${q.area}#` } : {};
    for (const quarter of quartersBetween(q.from, q.to)) {
      add(
        await this.queryAll({
          IndexName: INDEX.byQuarter,
          KeyConditionExpression: `quarterPk = :q${q.area ? ' AND begins_with(quarterSk, :area)' : ''}`,
          FilterExpression: 'reportedAt >= :from AND reportedAt < :to',
          ExpressionAttributeValues: { ':q': quarter, ':from': q.from.toISOString(), ':to': q.to.toISOString(), ...areaPrefix },
        }),
      );
    }
    if (q.activeSince) {
      add(
        await this.queryAll({
          IndexName: q.area ? INDEX.openByAreaDue : INDEX.openByDue,
          KeyConditionExpression: q.area ? 'openAreaPk = :pk' : 'openPk = :pk',
          ExpressionAttributeValues: { ':pk': q.area ? `OPEN#${q.area}` : 'OPEN' },
        }),
      );
      for (const quarter of quartersBetween(q.activeSince, this.now())) {
        add(
          await this.queryAll({
            IndexName: INDEX.byClosedQuarter,
            KeyConditionExpression: `closedQuarterPk = :q${q.area ? ' AND begins_with(closedSk, :area)' : ''}`,
            FilterExpression: 'closedAt >= :since',
            ExpressionAttributeValues: { ':q': quarter, ':since': q.activeSince.toISOString(), ...areaPrefix },
          }),
        );
      }
    }
    return [...byId.values()].sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
  }

  /** Cases sharing any of `linkKeys`, newest first, each with what matched. */
  async findLinkedCases(linkKeys: LinkKey[], options: { excludeCaseId?: string } = {}): Promise<LinkedCase[]> {
    const matched = new Map<string, Set<LinkKind>>();
    await Promise.all(
      dedupeLinks(linkKeys).map(async (l) => {
        const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.linkPk(l) } });
        for (const i of items) {
          const id = i.caseId as string;
          if (id === options.excludeCaseId) continue;
          if (!matched.has(id)) matched.set(id, new Set());
          matched.get(id)!.add(l.kind);
        }
      }),
    );
    const items = await this.batchGet([...matched.keys()].map((id) => keys.case(id)), SUMMARY_PROJECTION);
    return items
      .map((i) => ({ ...summaryOf(i), matchedOn: [...matched.get(i.caseId as string)!].sort() }))
      .sort((a, b) => (a.reportedAt > b.reportedAt ? -1 : a.reportedAt < b.reportedAt ? 1 : 0));
  }

  /**
   * Sets (or, with `active: false`, lifts) a marker on a home — every home key given (property
   * reference and address) so every case at that home shows it.
   */
  async setHomeMarker(
    home: LinkKey | LinkKey[],
    marker: { kind?: HomeMarker['kind']; active?: boolean; setBy: string; setAt?: string; sourceCaseId?: string },
  ): Promise<void> {
    const homes = homeKeys(Array.isArray(home) ? home : [home]);
    if (homes.length === 0) throw new RepositoryUsageError('a marker needs a property or address link key');
    const kind = marker.kind ?? 'staff-safety';
    const setAt = marker.setAt ?? this.now().toISOString();
    for (const h of homes) {
      await this.send('PutItem', () =>
        this.client.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...keys.marker(h, kind),
              itemType: 'marker',
              kind,
              homeKind: h.kind,
              homeKey: h.key,
              active: marker.active ?? true,
              setAt,
              setBy: marker.setBy,
              ...(marker.sourceCaseId ? { sourceCaseId: marker.sourceCaseId } : {}),
            },
          }),
        ),
      );
    }
  }

  /**
   * The active markers on the homes among `linkKeys`. A home known by several keys (property
   * reference and address) may carry one record per key: per kind, the latest decision wins.
   */
  async markersFor(linkKeys: LinkKey[]): Promise<HomeMarker[]> {
    const lists = await Promise.all(
      homeKeys(dedupeLinks(linkKeys)).map((h) =>
        this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)', ExpressionAttributeValues: { ':pk': keys.homePk(h), ':m': keys.markerPrefix } }),
      ),
    );
    const latest = new Map<string, Record<string, unknown>>();
    for (const i of lists.flat()) {
      const seen = latest.get(i.kind as string);
      if (!seen || (i.setAt as string) > (seen.setAt as string)) latest.set(i.kind as string, i);
    }
    return [...latest.values()]
      .filter((i) => i.active === true)
      .map((i) => {
        const m: HomeMarker = {
          kind: i.kind as HomeMarker['kind'],
          home: { kind: i.homeKind as LinkKind, key: i.homeKey as string },
          active: true,
          setAt: i.setAt as string,
          setBy: i.setBy as string,
        };
        if (i.sourceCaseId) m.sourceCaseId = i.sourceCaseId as string;
        return m;
      });
  }

  // ——— internals ———

  private send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return withRetry(operation, call, this.retry);
  }

  private async getItem(key: { pk: string; sk: string }, projection?: string, names?: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    const out = await this.send('GetItem', () =>
      this.client.send(
        new GetCommand({
          TableName: this.table,
          Key: key,
          ConsistentRead: true,
          ...(projection ? { ProjectionExpression: projection } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      ),
    );
    return out.Item;
  }

  private async getCaseItem(caseId: string): Promise<CaseItem | undefined> {
    return (await this.getItem(keys.case(caseId))) as CaseItem | undefined;
  }

  private query(input: Omit<QueryCommandInput, 'TableName'>) {
    return this.send('Query', () => this.client.send(new QueryCommand({ TableName: this.table, ...input })));
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.query({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async batchGet(keyList: { pk: string; sk: string }[], projection?: { expression: string; names: Record<string, string> }) {
    const items: Record<string, unknown>[] = [];
    if (keyList.length === 0) return items;
    for (let i = 0; i < keyList.length; i += 100) {
      let request: BatchGetCommandInput['RequestItems'] = {
        [this.table]: {
          Keys: keyList.slice(i, i + 100),
          ConsistentRead: true,
          ...(projection ? { ProjectionExpression: projection.expression } : {}),
          ...(projection && Object.keys(projection.names).length > 0 ? { ExpressionAttributeNames: projection.names } : {}),
        },
      };
      for (let round = 0; request && Object.keys(request).length > 0; round++) {
        const out = await this.send('BatchGetItem', () => this.client.send(new BatchGetCommand({ RequestItems: request })));
        items.push(...(out.Responses?.[this.table] ?? []));
        request = out.UnprocessedKeys;
        if (request && Object.keys(request).length > 0) await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** round, 500)));
      }
    }
    return items;
  }

  private seal(priv: Sealed, caseId: string): Promise<string> {
    return this.crypto.seal(priv, { associationId: this.associationId, caseId });
  }

  private async open(item: CaseItem): Promise<Sealed> {
    return this.crypto.open<Sealed>(item.sealed, { associationId: this.associationId, caseId: item.caseId });
  }

  private pending(events: NewEvent[], fallbackId: (i: number) => string): PendingEvent[] {
    return events.map((e, i) => {
      const id = e.id ?? fallbackId(i);
      if (!EVENT_ID.test(id)) throw new RepositoryUsageError('event ids must be plain tokens [A-Za-z0-9._:-], at most 120 characters');
      return { ...e, id, seq: i };
    });
  }

  /** Conditional puts: an id already on the timeline is left as it is. Returns which were new. */
  private async putEvents(caseId: string, events: PendingEvent[]): Promise<boolean[]> {
    const recordedAt = this.now().toISOString();
    return Promise.all(
      events.map(async (e) => {
        const item: EventItem = {
          ...keys.event(caseId, e.id),
          itemType: 'event',
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
        if (e.details && Object.keys(e.details).length > 0) item.sealed = await this.crypto.seal(e.details, { associationId: this.associationId, caseId });
        try {
          await this.send('PutItem', () =>
            this.client.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
          );
          return true;
        } catch (err) {
          if (isConditionFailed(err)) return false;
          throw err;
        }
      }),
    );
  }

  private async putLinks(caseId: string, linkKeys: LinkKey[]): Promise<void> {
    // Plain puts: a link item's content is fixed by its key, so repeating one is harmless.
    await Promise.all(
      linkKeys.map((l) =>
        this.send('PutItem', () =>
          this.client.send(new PutCommand({ TableName: this.table, Item: { ...keys.link(l, caseId), itemType: 'link', caseId, linkKind: l.kind } })),
        ),
      ),
    );
  }

  /** Appends any outbox events of the case's last write that are not on the timeline yet. */
  private async ensureOutbox(item: CaseItem, priv?: Sealed): Promise<void> {
    const ids = item.outboxIds ?? [];
    if (ids.length === 0) return;
    const found = await this.batchGet(ids.map((id) => keys.event(item.caseId, id)), { expression: 'pk, sk', names: {} });
    if (found.length === ids.length) return;
    const sealed = priv ?? (await this.open(item));
    const present = new Set(found.map((f) => f.sk as string));
    await this.putEvents(item.caseId, sealed.outbox.filter((e) => !present.has(keys.event(item.caseId, e.id).sk)));
  }

  private async repairAfterCreate(item: CaseItem): Promise<void> {
    await this.putLinks(item.caseId, parseLinkKeys(item.linkKeys));
    await this.ensureOutbox(item);
  }

  private summarise(
    priv: CasePrivate,
    meta: { caseId: string; reference: string; version: number; createdAt: string; updatedAt: string } & NextDueFields,
  ): CaseSummary {
    const { state, report } = priv;
    const s: CaseSummary = {
      caseId: meta.caseId,
      reference: meta.reference,
      associationId: this.associationId,
      status: state.status,
      reportedAt: state.reportedAt,
      risk: state.facts.risk,
      abuseTypes: [...report.abuseTypes],
      version: meta.version,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
    };
    if (state.closedAt) s.closedAt = state.closedAt;
    const area = state.facts.area ?? report.area;
    if (area) s.area = area;
    if (meta.nextDueAt) s.nextDueAt = meta.nextDueAt;
    if (meta.nextDueAt && meta.nextDueClock && meta.nextDueDuty) {
      s.nextDueClock = meta.nextDueClock;
      s.nextDueDuty = meta.nextDueDuty;
    }
    if (state.assignedOfficer) s.assignedOfficer = state.assignedOfficer;
    if (state.assignedOfficer && state.assignedOfficerEmail) s.assignedOfficerEmail = state.assignedOfficerEmail;
    return s;
  }

  private stored(item: CaseItem, priv: Sealed, markers: HomeMarker[], history: LinkedCase[]): StoredCase {
    const s: StoredCase = {
      caseId: item.caseId,
      reference: item.reference,
      associationId: item.associationId,
      version: item.version,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      linkKeys: parseLinkKeys(item.linkKeys),
      state: priv.state as CaseState,
      report: priv.report as Report,
      notes: (priv.notes ?? []) as CaseNote[],
      markers,
      history,
    };
    if (item.nextDueAt) s.nextDueAt = item.nextDueAt;
    if (item.nextDueAt && item.nextDueClock && item.nextDueDuty) {
      s.nextDueClock = item.nextDueClock;
      s.nextDueDuty = item.nextDueDuty;
    }
    if (priv.safetyPlan) s.safetyPlan = priv.safetyPlan;
    if (priv.dashAnswers) s.dashAnswers = priv.dashAnswers;
    return s;
  }

  private async eventOf(i: EventItem): Promise<CaseEvent & { order: number }> {
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
    if (i.sealed) e.details = await this.crypto.open<Record<string, unknown>>(i.sealed, { associationId: this.associationId, caseId: i.caseId });
    return e;
  }
}

const SUMMARY_PROJECTION = {
  expression: [
    'caseId',
    '#reference',
    'associationId',
    '#status',
    'reportedAt',
    'closedAt',
    'area',
    '#risk',
    'abuseTypes',
    'nextDueAt',
    'nextDueClock',
    'nextDueDuty',
    'assignedOfficer',
    'assignedOfficerEmail',
    '#version',
    'createdAt',
    'updatedAt',
  ].join(', '),
  names: { '#reference': 'reference', '#status': 'status', '#risk': 'risk', '#version': 'version' },
};

/**
 * The next-due fields to write in clear: a clock name and duty only as a known pair (CLOCK_DUTY), and
 * only with a deadline, so nothing but a clock name, a duty and an instant can reach clear.
 */
function checkedNextDue(n: NextDueFields | undefined): NextDueFields {
  if (!n?.nextDueAt) return {};
  if (n.nextDueClock === undefined && n.nextDueDuty === undefined) return { nextDueAt: n.nextDueAt };
  const clock = n.nextDueClock as ClockName;
  if (!Object.hasOwn(CLOCK_DUTY, clock) || CLOCK_DUTY[clock] !== (n.nextDueDuty as Duty))
    throw new RepositoryUsageError('nextDueClock and nextDueDuty must be a clock and the duty it keeps');
  return { nextDueAt: n.nextDueAt, nextDueClock: clock, nextDueDuty: CLOCK_DUTY[clock] };
}

function dedupeLinks(linkKeys: LinkKey[]): LinkKey[] {
  const seen = new Set<string>();
  return linkKeys.filter((l) => {
    const k = `${l.kind}:${l.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string')) return key as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidInputError('cursor is not valid');
}

/**
 * The case store of one association: one DynamoDB table (layout in functions/contract/table-layout.ts),
 * personal data sealed by field-crypto.ts, every write safe without transactions (writes.ts says how).
 * Reads by staff append a `case-viewed` event before any data is returned. Queries only, never Scan:
 * the console and figures read GSIs projecting clear meta. Each job has its module; this is the one
 * object callers hold.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AssociationConfig } from '../../core/association.js';
import type { NextDeadline } from '../../core/clock-plan.js';
import { NotFoundError } from '../errors.js';
import type { FieldCrypto } from '../field-crypto.js';
import { getCaseItem, type Store } from './access.js';
import { type AlertRecord, type ListedAlert, listAlerts, recordAlerts } from './alerts.js';
import { listCasesForFigures } from './figures-queries.js';
import { findLinkedCases, type MarkerInput, markersFor, setHomeMarker } from './homes.js';
import { setNextDueAt } from './next-due.js';
import {
  type ClosedCursor,
  closedCasesFrom,
  findCaseByReference,
  listClosedCases,
  listOpenCases,
  type OpenPosition,
  openCasesFrom,
} from './queries.js';
import { getCase, getSummary } from './reads.js';
import { appendEvent, readTimeline } from './timeline.js';
import type {
  CaseEvent,
  CaseSummary,
  FiguresQuery,
  FiguresSummary,
  HomeMarker,
  LinkedCase,
  LinkKey,
  NewCase,
  NewEvent,
  OpenCasesQuery,
  Page,
  Reader,
  StoredCase,
} from './types.js';
import {
  type CaseGuard,
  type CaseMutation,
  type CreateCaseResult,
  createCase,
  ensureOutbox,
  updateCase,
} from './writes.js';

export type { AlertRecord, ListedAlert } from './alerts.js';
export { type ClosedCursor, isClosedCursor, isOpenPosition, type OpenPosition, queueOrder } from './queries.js';
export { newCaseIdentity } from './references.js';
export * from './types.js';
export type { CaseGuard, CaseMutation, CreateCaseResult } from './writes.js';

/** What the repository needs: a document client, the association's table and key source, a clock. */
interface CaseRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  associationId: string;
  crypto: FieldCrypto;
  /** Time is passed in (tests and the local runtime control it). Defaults to the system clock. */
  now?: () => Date;
  /**
   * The association's config: config/index.ts `getAssociation` on one machine and in tests, the one its
   * bundle carries in a Lambda (deployed-association.ts), so the store never imports every association's.
   */
  config: AssociationConfig;
}

/** Builds the case repository for one association's table. */
export function createCaseRepository(options: CaseRepositoryOptions): CaseRepository {
  return new CaseRepository(options);
}

/** The case store of one association: each method is one job of a module beside this one. */
export class CaseRepository {
  private readonly store: Store;

  constructor(options: CaseRepositoryOptions) {
    const { client, tableName: table, associationId, crypto, config } = options;
    this.store = { client, table, associationId, config, crypto, now: options.now ?? (() => new Date()) };
  }

  /** Creates a case once per idempotency key (writes.ts). */
  createCase(input: NewCase): Promise<CreateCaseResult> {
    return createCase(this.store, input);
  }

  /** Reads and decrypts a case; a staff read is recorded first (reads.ts). */
  getCase(caseId: string, reader: Reader): Promise<StoredCase> {
    return getCase(this.store, caseId, reader);
  }

  /** The clear summary of a case, or undefined (reads.ts). */
  getSummary(caseId: string): Promise<CaseSummary | undefined> {
    return getSummary(this.store, caseId);
  }

  /** Finds a case by the reference the reporter was given (queries.ts). */
  findCaseByReference(reference: string): Promise<CaseSummary | undefined> {
    return findCaseByReference(this.store, reference);
  }

  /**
   * Applies `mutate` to the case at `expectedVersion` with one conditional put, then appends `events`;
   * `guard` may refuse from the summary read first (writes.ts).
   */
  updateCase(
    caseId: string,
    expectedVersion: number,
    mutate: CaseMutation,
    events: NewEvent[] = [],
    guard?: CaseGuard,
  ): Promise<StoredCase> {
    return updateCase(this.store, caseId, expectedVersion, mutate, events, guard);
  }

  /** Sets the clear next deadline and its clock at `expectedVersion`, without opening the sealed part (next-due.ts). */
  setNextDueAt(
    caseId: string,
    expectedVersion: number,
    next: NextDeadline | undefined,
  ): Promise<{ version: number; changed: boolean }> {
    return setNextDueAt(this.store, caseId, expectedVersion, next);
  }

  /** Appends one event; idempotent by `event.id` (timeline.ts). */
  appendEvent(caseId: string, event: NewEvent): Promise<{ appended: boolean; eventId: string }> {
    return appendEvent(this.store, caseId, event);
  }

  /** The whole timeline of a case, oldest first, details decrypted. Re-appends any events a crash dropped. */
  async listEvents(caseId: string): Promise<CaseEvent[]> {
    const item = await getCaseItem(this.store, caseId);
    if (!item) throw new NotFoundError('case not found', caseId);
    await ensureOutbox(this.store, item);
    return readTimeline(this.store, caseId);
  }

  /** Open cases in the work queue's order (danger, overdue, high risk, due soonest), paged (queries.ts). */
  listOpenCases(q: OpenCasesQuery = {}): Promise<Page<CaseSummary>> {
    return listOpenCases(this.store, q);
  }
  /** listOpenCases from a plain position, for a page merged from several listings (queries.ts). */
  openCasesFrom(q: Omit<OpenCasesQuery, 'cursor'>, at: OpenPosition | undefined) {
    return openCasesFrom(this.store, q, at);
  }
  /** listClosedCases from a plain position, for a page merged from several listings (queries.ts). */
  closedCasesFrom(q: { area?: string; limit?: number }, at: ClosedCursor | undefined) {
    return closedCasesFrom(this.store, q, at);
  }
  /** Closed cases of the last 12 months, newest closure first, one area or all (queries.ts). */
  listClosedCases(q: { area?: string; limit?: number; cursor?: string } = {}): Promise<Page<CaseSummary>> {
    return listClosedCases(this.store, q);
  }

  /** The cases the figures count, with their clear figures facts (queries.ts). */
  listCasesForFigures(q: FiguresQuery): Promise<FiguresSummary[]> {
    return listCasesForFigures(this.store, q);
  }

  /** Cases sharing any of `linkKeys`, newest first, each with what matched (homes.ts). */
  findLinkedCases(linkKeys: LinkKey[], options: { excludeCaseId?: string } = {}): Promise<LinkedCase[]> {
    return findLinkedCases(this.store, linkKeys, options);
  }

  /** Sets (or lifts) a marker on a home, on every home key given (homes.ts). */
  setHomeMarker(home: LinkKey | LinkKey[], marker: MarkerInput): Promise<void> {
    return setHomeMarker(this.store, home, marker);
  }

  /** Records the escalations sent, one alert per recipient, once each (alerts.ts). */
  recordAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    return recordAlerts(this.store, alerts);
  }

  /** The newest alerts sent to any of `alertKeys`, with their cases' clear standing (alerts.ts). */
  listAlerts(alertKeys: readonly string[], limit?: number): Promise<ListedAlert[]> {
    return listAlerts(this.store, alertKeys, limit);
  }

  /** The active markers on the homes among `linkKeys` (homes.ts). */
  markersFor(linkKeys: LinkKey[]): Promise<HomeMarker[]> {
    return markersFor(this.store, linkKeys);
  }
}

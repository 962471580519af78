/** Builders for case store tests: a report, its initial case state, a repository over dynalite. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAssociation } from '../../config/index.js';
import { createFieldCrypto, type FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { linkKeysFor } from '../../functions/adapters/link-keys.js';
import {
  type CaseRepository,
  createCaseRepository,
  type NewCase,
  newCaseIdentity,
} from '../../functions/adapters/store/index.js';
import { type CaseState, factsFromReport, newCaseState } from '../../functions/core/case.js';
import { type Report, type ReportInput, reportSchema } from '../../functions/core/report.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

export const ASSOCIATION = 'wrekin';

/** A field crypto over a fresh local key file in a temp folder. */
export function testCrypto(): { crypto: FieldCrypto; keyFile: string } {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'haven-keys-')), 'keys', 'local.key');
  return { crypto: createFieldCrypto({ keyring: 'raw-aes', keyFile }), keyFile };
}

/** A repository on the test table with a controllable clock. */
export function testRepository(
  table: TestTable,
  crypto: FieldCrypto,
  clock: { now: Date } = { now: new Date('2026-11-25T10:00:00Z') },
): CaseRepository {
  return createCaseRepository({
    client: table.client,
    tableName: table.tableName,
    associationId: ASSOCIATION,
    config: getAssociation(ASSOCIATION),
    crypto,
    now: () => clock.now,
  });
}

/** What a repository test works on: the dynalite table, the field crypto and a repository over both. */
export interface TestRepository {
  table: TestTable;
  crypto: FieldCrypto;
  repo: CaseRepository;
}

/** Starts dynalite with an empty case table and a repository over it with a fresh key; stop it with `table.stop()`. */
export async function startTestRepository(clock?: { now: Date }): Promise<TestRepository> {
  const table = await startTestTable();
  const { crypto } = testCrypto();
  return { table, crypto, repo: testRepository(table, crypto, clock) };
}

/** A valid report; override any field. */
export function report(overrides: Partial<ReportInput> = {}): Report {
  return reportSchema.parse({
    associationId: ASSOCIATION,
    reporterKind: 'victim',
    immediateDanger: false,
    livesInAssociationHome: 'yes',
    area: 'telford',
    abuseTypes: ['psychological'],
    narrative: 'Something happened at home.',
    person: {
      name: 'Alex Example',
      address: '14 Elm Road, Telford TF1 2AB',
      propertyReference: 'WR-00123',
      dateOfBirth: '1990-01-02',
    },
    safeContact: { method: 'phone', phone: '07700 900123', voicemailSafe: false },
    ...overrides,
  });
}

/** The initial state of a case for `r`, reported at `reportedAt`. */
export function initialState(r: Report, reportedAt: string): CaseState {
  const { id, reference } = newCaseIdentity('WHG');
  return {
    ...newCaseState({
      id,
      reference,
      associationId: ASSOCIATION,
      status: 'open',
      reportedAt,
      facts: factsFromReport(r),
    }),
    duties: { 'initial-contact': { status: 'open' } },
  };
}

/** A createCase input for `r`, with its link keys. */
export function newCase(
  crypto: FieldCrypto,
  r: Report,
  opts: { reportedAt?: string; idempotencyKey?: string; nextDueAt?: string } = {},
): NewCase {
  const reportedAt = opts.reportedAt ?? '2026-11-25T09:00:00.000Z';
  return {
    state: initialState(r, reportedAt),
    report: r,
    idempotencyKey: opts.idempotencyKey ?? crypto.hmac(`${Math.random()}`),
    linkKeys: linkKeysFor(r, crypto.hmac),
    ...(opts.nextDueAt ? { nextDueAt: opts.nextDueAt } : {}),
  };
}

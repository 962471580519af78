/**
 * Shared set-up for the handler tests: dynalite with the case table, the real repository with a raw
 * AES keyring, a fake workflow client that records calls, a controllable clock, event builders for
 * API Gateway HTTP API v2, and a capture of everything written to stdout, stderr and the console.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { vi } from 'vitest';
import { getAssociation } from '../../config/index.js';
import type { Deps } from '../../functions/adapters/deps.js';
import { listedDirectory } from '../../functions/adapters/directory.js';
import { createFieldCrypto, type FieldCrypto } from '../../functions/adapters/field-crypto.js';
import type { ApiResult } from '../../functions/adapters/http/middleware.js';
import { submitReport } from '../../functions/adapters/report-intake.js';
import { type CaseRepository, createCaseRepository } from '../../functions/adapters/store/index.js';
import { dashChecklist } from '../../functions/core/dash-checklist.js';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';
import type { StaffMember } from '../../functions/core/roles.js';
import { defined } from '../support/defined.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

/** A workflow client that records what it was asked to do. */
export class FakeWorkflow {
  started: { caseId: string; associationId: string }[] = [];
  signalled: string[] = [];
  reopened: { caseId: string; associationId: string }[] = [];
  async startCase(caseId: string, associationId: string): Promise<void> {
    this.started.push({ caseId, associationId });
  }
  async reopenCase(caseId: string, associationId: string): Promise<void> {
    this.reopened.push({ caseId, associationId });
  }
  async signalChange(caseId: string): Promise<void> {
    this.signalled.push(caseId);
  }
}

/** Everything one test file needs. */
export interface Harness {
  table: TestTable;
  crypto: FieldCrypto;
  cases: CaseRepository;
  workflow: FakeWorkflow;
  clock: { now: Date };
  deps: Deps;
  /** Files a valid report (override any part) through intake, as of the harness clock; resolves with the case id. */
  newCase: (overrides?: Partial<ReportInput>) => Promise<string>;
  stop: () => Promise<void>;
}

/** Starts dynalite and builds deps for `associationId` (default one-manchester). */
export async function startHarness(
  associationId = 'one-manchester',
  start = new Date('2026-11-02T10:00:00Z'),
): Promise<Harness> {
  const table = await startTestTable();
  const dir = mkdtempSync(join(tmpdir(), 'haven-handlers-'));
  const crypto = createFieldCrypto({ keyring: 'raw-aes', keyFile: join(dir, 'keys.json') });
  const clock = { now: new Date(start) };
  const cases = createCaseRepository({
    client: table.client,
    tableName: table.tableName,
    associationId,
    config: getAssociation(associationId),
    crypto,
    now: () => clock.now,
  });
  const workflow = new FakeWorkflow();
  const deps: Deps = {
    config: getAssociation(associationId),
    cases,
    workflow,
    hmac: (t) => crypto.hmac(t),
    now: () => clock.now,
    logger: new Logger({ serviceName: 'haven-test' }),
    directory: listedDirectory(STAFF),
  };
  let filed = 0;
  return {
    table,
    crypto,
    cases,
    workflow,
    clock,
    deps,
    newCase: async (overrides = {}) =>
      (await submitReport(deps, reportSchema.parse(report(overrides)), `harness-case-${++filed}`, clock.now)).caseId,
    stop: async () => {
      await table.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A harness and the handler `create` builds over its deps. */
export async function startHandlerHarness<H>(
  create: (deps: Deps) => H,
  associationId?: string,
  start?: Date,
): Promise<{ h: Harness; handler: H }> {
  const h = await startHarness(associationId, start);
  return { h, handler: create(h.deps) };
}

/** Staff claims as the Cognito JWT authorizer hands them over. */
export interface Claims {
  sub: string;
  email?: string;
  'cognito:groups'?: string | string[];
  'custom:areas'?: string;
}

export const OFFICER: Claims = {
  sub: 'officer-1',
  email: 'officer@example.org',
  'cognito:groups': '[officer]',
  'custom:areas': 'manchester',
};
export const MANAGER: Claims = { sub: 'manager-1', 'cognito:groups': 'manager' };
export const LEAD: Claims = { sub: 'lead-1', 'cognito:groups': ['safeguarding-lead'] };
export const BOARD: Claims = { sub: 'board-1', 'cognito:groups': '[board]' };

/** The staff directory every harness lists: the callers above and the officers tests assign. */
export const STAFF: readonly StaffMember[] = [
  { sub: 'officer-1', email: 'officer@example.org', role: 'officer', areas: ['manchester'] },
  { sub: 'officer-9', email: 'nine@example.org', role: 'officer', areas: ['manchester', 'salford'] },
  { sub: 'officer-far', email: 'far@example.org', role: 'officer', areas: ['salford'] },
  { sub: 'officer-df', email: 'officer-df@example.org', role: 'officer', areas: ['kirklees', 'leeds'] },
  { sub: 'officer-l', email: 'officer-l@example.org', role: 'officer', areas: ['leeds'] },
  { sub: 'manager-1', email: 'manager@example.org', role: 'manager', areas: [] },
  { sub: 'lead-1', email: 'lead@example.org', role: 'safeguarding-lead', areas: [] },
  { sub: 'board-1', email: 'board@example.org', role: 'board', areas: [] },
];

let counter = 0;

/** An API Gateway HTTP API v2 event. */
export function apiEvent(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    claims?: Claims;
    query?: Record<string, string>;
    routeKey?: string;
  } = {},
): APIGatewayProxyEventV2 {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.headers ?? {}),
  };
  const qs = options.query ? new URLSearchParams(options.query).toString() : '';
  const event = {
    version: '2.0',
    routeKey: options.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: qs,
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'example.org',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: `req-${++counter}-abcdefgh`,
      routeKey: options.routeKey ?? `${method} ${path}`,
      stage: '$default',
      time: '02/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
    },
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  };
  return event as unknown as APIGatewayProxyEventV2;
}

/**
 * The parsed JSON (or text) of a handler's answer. Tests read it by path in ~180 assertions, which are its check;
 * as `unknown`, each of those reads would need a cast or narrowing of its own (165 type errors when tried).
 */
// biome-ignore lint/suspicious/noExplicitAny: an answer read by path in the assertions, see above
type AnswerBody = any;

/** Calls a handler and parses its JSON body. */
export async function call(
  handler: (event: APIGatewayProxyEventV2, context: never) => Promise<unknown>,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number; body: AnswerBody; raw: string; headers: Record<string, string> }> {
  const res = (await handler(event, {} as never)) as ApiResult;
  const raw = typeof res.body === 'string' ? res.body : '';
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // CSV and other text bodies stay as text.
  }
  return { status: res.statusCode, body, raw, headers: res.headers };
}

/** A valid report for one-manchester; override any part. */
export function report(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    associationId: 'one-manchester',
    reporterKind: 'victim',
    immediateDanger: false,
    livesInAssociationHome: 'yes',
    area: 'manchester',
    narrative: 'Something happened at home.',
    ...overrides,
  };
}

/** Personal data made of canary strings: none may appear in a log line, an error body or a masked read. */
export const CANARY = 'CNRY';
export const CANARIES = {
  name: `${CANARY}name Ada`,
  address: `${CANARY}address 1 Lane`,
  property: `${CANARY}PROP1`,
  phone: '07700 900123',
  email: 'cnry.mail@example.org',
  narrative: `${CANARY}narrative he hit me`,
  codeWord: `${CANARY}codeword`,
  reporterName: `${CANARY}reporter`,
  safeTimes: `${CANARY}times`,
  accessibility: `${CANARY}access`,
  language: `${CANARY}lang`,
  note: `${CANARY}note`,
  reason: `${CANARY}reason`,
  planStep: `${CANARY}step`,
  planContact: `${CANARY}sister`,
};
/** What a search for leaked canaries looks for: the prefix, and the phone and email in parts. */
export const CANARY_PATTERNS = [CANARY, '07700', '900123', 'cnry.mail'];
/** The narrative, person and reporter of a report, all canaries. */
export const canaryPeople = {
  narrative: CANARIES.narrative,
  person: {
    name: CANARIES.name,
    address: CANARIES.address,
    propertyReference: CANARIES.property,
    dateOfBirth: '1990-01-01',
  },
  reporter: { name: CANARIES.reporterName, phone: CANARIES.phone, email: CANARIES.email },
} satisfies Partial<ReportInput>;

/** The safe-contact details of a report, all canaries: a phone, the safe times and the code word. */
export const canarySafeContact = {
  method: 'phone',
  phone: CANARIES.phone,
  safeTimes: CANARIES.safeTimes,
  codeWord: CANARIES.codeWord,
};

/** DASH 2009 answers: the first `yes` questions that are not indicators yes, plus the one `indicator`; with a judgement if given. */
export function dashAnswers(
  yes: number,
  indicator?: string,
  judgement?: { level: 'medium' | 'standard'; reasons: string },
) {
  const checklist = defined(dashChecklist('dash-2009'), 'the dash-2009 checklist');
  const answers: Record<string, string> = {};
  for (const [i, q] of checklist.questions.entries()) answers[q.id] = i < yes && !q.indicator ? 'yes' : 'no';
  if (indicator)
    answers[
      defined(
        checklist.questions.find((q) => q.indicator === indicator),
        `question ${indicator}`,
      ).id
    ] = 'yes';
  return { version: 'dash-2009', answers, ...(judgement ? { judgement } : {}) };
}

/** Captures everything written to stdout, stderr and console while `fn` runs. */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const take = (...args: unknown[]) => {
    chunks.push(
      args
        .map((a) =>
          typeof a === 'string'
            ? a
            : a instanceof Uint8Array
              ? Buffer.from(a).toString('utf8')
              : (JSON.stringify(a) ?? String(a)),
        )
        .join(' '),
    );
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
      take(chunk);
      return true;
    }) as never),
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => {
      take(chunk);
      return true;
    }) as never),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(take as never),
    ),
  ];
  try {
    const result = await fn();
    return { result, output: chunks.join('\n') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

/**
 * Figures and caseload pages over a year of one association's cases (issue 15 item 3): 10,000 cases
 * written through the case repository (createCase: the claim, the sealed part, the links, the events
 * and exactly the index items a real case has) into dynalite as `npm start` runs it (local/dynalite.ts
 * `startDynalite`: its own worker thread, LevelDB on disk, the private-endpoint key), then GET
 * /api/figures for the year (JSON and CSV) and GET /api/cases pages (the first, and one deep in the
 * list) timed through their handlers with API Gateway events. `npm run bench` prints them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getAssociation } from '../config/index.js';
import type { Deps } from '../functions/adapters/deps.js';
import { listedDirectory } from '../functions/adapters/directory.js';
import { createFieldCrypto } from '../functions/adapters/field-crypto.js';
import type { ApiResult } from '../functions/adapters/http/middleware.js';
import { linkKeysFor } from '../functions/adapters/link-keys.js';
import { createCaseRepository, type NewCase, newCaseIdentity } from '../functions/adapters/store/index.js';
import { createHandler as createCasesHandler } from '../functions/cases/handler.js';
import { type CaseState, factsFromReport, newCaseState, RISK_LEVELS } from '../functions/core/case.js';
import { ABUSE_TYPES, reportSchema } from '../functions/core/report.js';
import type { StaffMember } from '../functions/core/roles.js';
import { createHandler as createFiguresHandler } from '../functions/figures/handler.js';
import { startLocalTable } from '../test/support/local-table.js';
import type { BenchFigure } from './figure.js';

const CASES = Number(process.env.FIGURES_BENCH_CASES ?? 10_000);
const RUNS = 7;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR_FROM = Date.parse('2025-04-01T00:00:00Z');
const NOW = new Date('2026-04-10T09:00:00Z');
const ASSOCIATION = 'connect-housing';
// Connect's four areas, with every clock the figures measure set (initial contact in a working day,
// fortnightly contact, the 21-day holding area), so every measure is computed.
const CONFIG = {
  ...getAssociation(ASSOCIATION),
  clocks: {
    ...getAssociation(ASSOCIATION).clocks,
    initialContact: { workingDays: 1 },
    regularContact: { days: 14 },
    holdingArea: { days: 21 },
  },
};
const AREAS = CONFIG.areas.map((a) => a.id);
const STAFF: StaffMember[] = [
  { sub: 'manager-1', email: 'manager@example.org', role: 'manager', areas: [] },
  { sub: 'board-1', email: 'board@example.org', role: 'board', areas: [] },
  { sub: 'officer-2', email: 'officer@example.org', role: 'officer', areas: AREAS.slice(0, 2) },
];

/** A small deterministic generator (mulberry32), so every run seeds the same cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Case `i` of the year: a mix of open, closed and signposted, areas, risks, contacts kept or missed. */
function caseOf(i: number, rnd: () => number, hmac: (text: string) => string): NewCase {
  const area = rnd() < 0.05 ? undefined : AREAS[i % AREAS.length];
  const abuseTypes = [ABUSE_TYPES[i % ABUSE_TYPES.length], ...(rnd() < 0.3 ? [ABUSE_TYPES[(i + 3) % 8]] : [])];
  const report = reportSchema.parse({
    associationId: ASSOCIATION,
    reporterKind: rnd() < 0.7 ? 'victim' : 'third-party',
    immediateDanger: rnd() < 0.03,
    livesInAssociationHome: 'yes',
    ...(area ? { area } : {}),
    abuseTypes,
    narrative: 'Something happened at home.',
    // Each person their own home and phone: no case links to another (createCase looks links up).
    person: { name: `Alex Example ${i}`, address: `${i} Elm Road, Leeds LS1 2AB`, propertyReference: `CH-${i}` },
    safeContact: { method: 'phone', phone: `07700 9${String(i).padStart(5, '0')}`, voicemailSafe: false },
  });
  const reportedMs = YEAR_FROM + Math.floor(rnd() * 365 * DAY);
  const { id, reference } = newCaseIdentity('CH');
  const base = newCaseState({
    id,
    reference,
    associationId: ASSOCIATION,
    status: 'open',
    reportedAt: iso(reportedMs),
    facts: factsFromReport(report),
  });
  const roll = rnd();
  const status: CaseState['status'] = roll < 0.05 ? 'signposted' : roll < 0.35 ? 'open' : 'closed';
  const contacts: string[] = [];
  // First contact within hours (a few days late now and then); then every 3 to 20 days.
  let t = reportedMs + Math.floor((rnd() < 0.85 ? rnd() * 20 : 24 + rnd() * 72) * HOUR);
  const count = status === 'signposted' ? 0 : Math.floor(rnd() * 7);
  for (let n = 0; n < count && t < NOW.getTime(); n++) {
    contacts.push(iso(t));
    t += Math.floor((3 + rnd() * 17) * DAY);
  }
  const risk = RISK_LEVELS[Math.floor(rnd() * RISK_LEVELS.length)] ?? 'standard';
  const dashAt = rnd() < 0.6 ? iso(reportedMs + 2 * DAY) : undefined;
  const consent = rnd() < 0.4;
  const state: CaseState = {
    ...base,
    status,
    facts: { ...base.facts, risk },
    contacts,
    duties: {
      'initial-contact': contacts[0] ? { status: 'done', at: contacts[0], by: 'officer-2' } : { status: 'open' },
      ...(consent && rnd() < 0.7
        ? { 'specialist-support-referral': { status: 'done', at: iso(reportedMs + 3 * DAY), by: 'officer-2' } }
        : {}),
    },
    consents: consent
      ? [{ duty: 'specialist-support-referral', decision: 'given', at: iso(reportedMs + DAY), by: 'officer-2' }]
      : [],
    ...(dashAt ? { dash: { score: 10, risk, maracRequired: risk === 'high', at: dashAt } } : {}),
    maracReferrals: risk === 'high' && rnd() < 0.8 ? [iso(reportedMs + 4 * DAY)] : [],
    holdingPauses: rnd() < 0.05 ? [{ from: iso(reportedMs + 5 * DAY), to: iso(reportedMs + 9 * DAY) }] : [],
    ...(status === 'closed'
      ? { closedAt: iso(Math.min(t, NOW.getTime() - HOUR)), closureOutcome: 'action-plan-complete' as const }
      : {}),
  };
  const nextDue = status === 'open' ? { nextDueAt: iso(NOW.getTime() + Math.floor((rnd() * 20 - 6) * DAY)) } : {};
  return { state, report, idempotencyKey: `bench-${i}`, linkKeys: linkKeysFor(report, hmac), ...nextDue };
}

/** A GET as API Gateway hands it over, with the Cognito claims of `sub` (its role group, and its areas for an officer). */
function event(path: string, sub: string, group: string, query: Record<string, string>): APIGatewayProxyEventV2 {
  const areas = STAFF.find((m) => m.sub === sub)?.areas ?? [];
  return {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    queryStringParameters: query,
    requestContext: {
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bench' },
      requestId: `bench-${Math.random().toString(36).slice(2)}`,
      routeKey: `GET ${path}`,
      stage: '$default',
      authorizer: {
        jwt: {
          claims: { sub, 'cognito:groups': group, ...(areas.length ? { 'custom:areas': areas.join(',') } : {}) },
          scopes: [],
        },
      },
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

type Handler = (e: APIGatewayProxyEventV2, c: never) => Promise<unknown>;

async function answer(handler: Handler, e: APIGatewayProxyEventV2): Promise<ApiResult> {
  const res = (await handler(e, {} as never)) as ApiResult;
  if (res.statusCode !== 200) throw new Error(`${e.rawPath} answered ${res.statusCode}: ${String(res.body)}`);
  return res;
}

/** Median and max milliseconds of RUNS calls, after one warm-up call. */
async function timed(call: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await call();
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    await call();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)] ?? 0, max: ms.at(-1) ?? 0 };
}

export async function figures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-figures-'));
  // The database as `npm start` runs it (local/runtime.ts, local/wiring.ts): the same start, table and client.
  const table = await startLocalTable(dir, `Haven-${ASSOCIATION}-cases`);
  try {
    const { client, tableName } = table;
    const crypto = createFieldCrypto({ keyring: 'raw-aes', keyFile: join(dir, 'keys.json') });
    const clock = { now: NOW };
    const options = { client, tableName, associationId: ASSOCIATION, crypto };
    const cases = createCaseRepository({ ...options, config: CONFIG, now: () => clock.now });
    const rnd = random(15);
    const inputs = Array.from({ length: CASES }, (_, i) => caseOf(i, rnd, (t) => crypto.hmac(t)));
    const seedStart = performance.now();
    let next = 0;
    const writer = async () => {
      for (let i = next++; i < inputs.length; i = next++) {
        const input = inputs[i] as NewCase;
        clock.now = new Date(input.state.reportedAt);
        await cases.createCase(input);
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    clock.now = NOW;
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const open = inputs.filter((c) => c.state.status === 'open').length;
    const closed = inputs.filter((c) => c.state.status === 'closed').length;
    const deps: Deps = {
      config: CONFIG,
      cases,
      workflow: { startCase: async () => {}, signalChange: async () => {}, reopenCase: async () => {} },
      hmac: (t) => crypto.hmac(t),
      now: () => NOW,
      logger: new Logger({ serviceName: 'haven-bench', logLevel: 'SILENT' }),
      directory: listedDirectory(STAFF),
    };
    const seeded =
      `${CASES} ${ASSOCIATION} cases reported 2025-04-01..2026-03-31 (${open} open, ${closed} closed, ` +
      `${CASES - open - closed} signposted; ${AREAS.length} areas, 4 risks, 0-6 contacts, some late) written by ` +
      `CaseRepository.createCase, 16 at a time, into dynalite as npm start runs it (its worker thread, LevelDB on disk) in ${seedSeconds.toFixed(0)} s`;

    const figuresHandler = createFiguresHandler(deps) as Handler;
    const year = { from: '2025-04-01', to: '2026-03-31' };
    // What one figures call asks of DynamoDB: its Queries, the index items they read and those they return.
    const asked = { queries: 0, read: 0, returned: 0 };
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const o = out.output as { ScannedCount?: number; Count?: number };
        asked.queries++;
        asked.read += o.ScannedCount ?? 0;
        asked.returned += o.Count ?? 0;
        return out;
      },
      { step: 'initialize', name: 'benchFiguresQueries' },
    );
    await answer(figuresHandler, event('/api/figures', 'board-1', 'board', year));
    client.middlewareStack.remove('benchFiguresQueries');
    const reads = `${asked.queries} Queries reading ${asked.read} index items and returning ${asked.returned}`;
    const json = await timed(() => answer(figuresHandler, event('/api/figures', 'board-1', 'board', year)));
    const csv = await timed(() =>
      answer(figuresHandler, event('/api/figures', 'board-1', 'board', { ...year, format: 'csv' })),
    );

    const casesHandler = createCasesHandler(deps) as Handler;
    const page = (sub: string, group: string, cursor?: string) =>
      answer(casesHandler, event('/api/cases', sub, group, { limit: '50', ...(cursor ? { cursor } : {}) }));
    // The cursor of the last page (at most page 41): paged through from the first, as the console does.
    const deepCursor = async (sub: string, group: string) => {
      let cursor: string | undefined;
      let at = 1;
      while (at < 41) {
        const body = JSON.parse(String((await page(sub, group, cursor)).body)) as { cursor?: string };
        if (!body.cursor) break;
        cursor = body.cursor;
        at++;
      }
      return { cursor, at };
    };
    const managerDeep = await deepCursor('manager-1', 'manager');
    const officerDeep = await deepCursor('officer-2', 'officer');
    const pages = {
      managerFirst: await timed(() => page('manager-1', 'manager')),
      managerDeep: await timed(() => page('manager-1', 'manager', managerDeep.cursor)),
      officerFirst: await timed(() => page('officer-2', 'officer')),
      officerDeep: await timed(() => page('officer-2', 'officer', officerDeep.cursor)),
    };

    const runs = `median of ${RUNS} runs after a warm-up (max in brackets) through the handler, API Gateway event`;
    const fig = (name: string, t: { median: number; max: number }, goal: number, what: string): BenchFigure => ({
      name,
      value: Math.round(t.median),
      unit: 'ms',
      goal: { op: '<=', value: goal },
      conditions: `${what}; ${runs} (max ${Math.round(t.max)} ms); ${seeded}`,
    });
    return [
      fig('figures for a year, JSON', json, 500, `GET /api/figures?from=2025-04-01&to=2026-03-31 as board (${reads})`),
      fig('figures for a year, CSV', csv, 500, 'the same with format=csv'),
      fig('caseload first page, manager', pages.managerFirst, 50, 'GET /api/cases?limit=50, every area'),
      fig('caseload deep page, manager', pages.managerDeep, 50, `page ${managerDeep.at} of 50 (cursor kept)`),
      fig('caseload first page, officer', pages.officerFirst, 50, 'two areas and the unknown area merged'),
      fig('caseload deep page, officer', pages.officerDeep, 50, `two areas merged, page ${officerDeep.at} of 50`),
    ];
  } finally {
    await table.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The staff cases API: the caseload, the audited case view and every case command, behind one small
 * route table. Routes are matched on the raw path so the deployed route may be `{command+}` or any
 * finer set. Every command needs the version the caller read (If-Match or `expectedVersion`), writes
 * with one conditional put, records its timeline entries and then tells the workflow.
 */
import { NO_AREA } from '../adapters/case-table.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { nextDueFields, type CaseSummary, type NewEvent, type OpenCasesQuery, type StoredCase } from '../adapters/case-repository.js';
import { depsFromEnvironment, resolver, type Deps, type DepsSource } from '../adapters/deps.js';
import { badRequest, fieldsFromZod, HttpError, notFound } from '../adapters/http/errors.js';
import type { Identity } from '../adapters/http/identity.js';
import { header, httpApi, json, type ApiContext, type ApiResult } from '../adapters/http/middleware.js';
import { RISK_LEVELS } from '../core/case.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { applyCommand, commandSchemas, type Command } from '../core/commands.js';
import { DUTIES, type Duty } from '../core/duties.js';
import { actingRole, CASE_ROLES, mayAssign, maySee, seesAll } from './access.js';
import { caseView } from './view.js';

const CASE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The command path segments after `/api/cases/{id}/`, and the command each names. */
const COMMAND_ROUTES: { pattern: RegExp; kind: Command['kind']; schema: z.ZodType; duty?: boolean }[] = [
  { pattern: /^contacts$/, kind: 'contact', schema: commandSchemas.contact },
  { pattern: /^dash$/, kind: 'dash', schema: commandSchemas.dash },
  { pattern: /^pathway$/, kind: 'pathway', schema: commandSchemas.pathway },
  { pattern: /^referrals$/, kind: 'referral', schema: commandSchemas.referral },
  { pattern: /^referrals\/([a-z-]+)\/acknowledge$/, kind: 'acknowledge', schema: commandSchemas.acknowledge, duty: true },
  { pattern: /^consent$/, kind: 'consent', schema: commandSchemas.consent },
  { pattern: /^actions\/([a-z-]+)$/, kind: 'action', schema: commandSchemas.action, duty: true },
  { pattern: /^incidents$/, kind: 'incident', schema: commandSchemas.incident },
  { pattern: /^facts$/, kind: 'facts', schema: commandSchemas.facts },
  { pattern: /^holding-pause$/, kind: 'holdingPause', schema: commandSchemas.holdingPause },
  { pattern: /^safety-plan$/, kind: 'safetyPlan', schema: commandSchemas.safetyPlan },
  { pattern: /^safety-plan\/share$/, kind: 'share', schema: commandSchemas.share },
  { pattern: /^close$/, kind: 'close', schema: commandSchemas.close },
  { pattern: /^assign$/, kind: 'assign', schema: commandSchemas.assign },
];

const listQuerySchema = z.strictObject({
  area: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be an area id').optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  officer: z.string().regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(8000).regex(/^[A-Za-z0-9_=+/-]+$/, 'must be the cursor of a previous page').optional(),
});

function caller(context: ApiContext): Identity {
  // httpApi has already refused requests without an identity holding a case role.
  return context.caller!;
}

/** Where each area's listing stands in a caseload merged from several areas: its cursor, null from the start; absent when done. */
type AreaCursors = Record<string, string | null>;

function encodeAreaCursors(c: AreaCursors): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

/** A merged caseload's cursor, refused unless it names only the caller's own areas. */
function decodeAreaCursors(raw: string, areas: readonly string[]): AreaCursors {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      c &&
      typeof c === 'object' &&
      !Array.isArray(c) &&
      Object.entries(c).every(([area, v]) => areas.includes(area) && (v === null || (typeof v === 'string' && v.length < 2000)))
    )
      return c as AreaCursors;
  } catch {
    // fall through
  }
  throw badRequest([{ field: 'cursor', problem: 'must be the cursor of a previous page' }]);
}

/** The order of the open-by-due indexes: next deadline (none last), then case id. */
const dueOrder = (s: CaseSummary) => `${s.nextDueAt ?? '9999'}#${s.caseId}`;

/**
 * One page of a caseload merged from several areas, soonest due first. Each area's cursor moves on
 * by exactly the items of it that made the page (re-read with that many), so nothing is skipped.
 */
async function mergedPage(d: Deps, base: Omit<OpenCasesQuery, 'area' | 'cursor'>, areas: string[], cursor: string | undefined) {
  const limit = base.limit ?? 50;
  const starts: AreaCursors = cursor ? decodeAreaCursors(cursor, areas) : Object.fromEntries(areas.map((a) => [a, null]));
  const from = (area: string) => (starts[area] ? { cursor: starts[area]! } : {});
  const pages = await Promise.all(Object.keys(starts).map(async (area) => ({ area, ...(await d.cases.listOpenCases({ ...base, area, ...from(area) })) })));
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item, area: p.area })))
    .sort((a, b) => dueOrder(a.item).localeCompare(dueOrder(b.item)))
    .slice(0, limit);
  const next: AreaCursors = {};
  for (const p of pages) {
    const used = merged.filter((m) => m.area === p.area).length;
    if (used === p.items.length) {
      if (p.cursor) next[p.area] = p.cursor;
    } else if (used === 0) next[p.area] = starts[p.area] ?? null;
    else {
      const again = await d.cases.listOpenCases({ ...base, area: p.area, limit: used, ...from(p.area) });
      if (again.cursor) next[p.area] = again.cursor;
    }
  }
  return { items: merged.map((m) => m.item), ...(Object.keys(next).length ? { cursor: encodeAreaCursors(next) } : {}) };
}

/**
 * A caseload item: the clear summary as the open index projects it, with the clock due next named
 * from the clear fields written with nextDueAt (no read or decrypt of the case), and whether it is overdue.
 */
function caseloadItem({ nextDueClock, nextDueDuty, ...s }: CaseSummary, now: Date) {
  const nextClock = s.nextDueAt && nextDueClock && nextDueDuty ? { clock: nextDueClock, duty: nextDueDuty, deadline: s.nextDueAt } : null;
  return { ...s, overdue: s.nextDueAt !== undefined && Date.parse(s.nextDueAt) < now.getTime(), nextClock };
}

/**
 * GET /api/cases: open cases, soonest due first, filtered; officers see their areas (and, with
 * `officer` set to themselves, every case assigned to them). Each item names the clock due next.
 */
async function listCases(event: APIGatewayProxyEventV2, context: ApiContext, d: Deps): Promise<ApiResult> {
  const parsed = listQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw badRequest(fieldsFromZod(parsed.error));
  const q = parsed.data;
  const who = caller(context);
  if (q.area && !d.config.areas.some((a) => a.id === q.area))
    throw badRequest([{ field: 'area', problem: `must be one of: ${d.config.areas.map((a) => a.id).join(', ')}` }]);
  const now = d.now();
  const base = {
    ...(q.risk ? { risk: q.risk } : {}),
    ...(q.overdue === 'true' ? { overdueAt: now } : {}),
    ...(q.officer ? { officer: q.officer } : {}),
    limit: q.limit ?? 50,
  };
  let areas: (string | undefined)[];
  if (seesAll(who)) areas = [q.area];
  else if (q.area) {
    if (!who.areas.includes(q.area)) throw new HttpError(403, 'that area is not one of yours', [{ field: 'area', problem: 'is not one of your areas' }]);
    areas = [q.area];
  } else if (q.officer === who.sub) areas = [undefined]; // their own cases, in any area
  // Officers also see reports whose area nobody knows yet, so no case waits unseen for a manager.
  else areas = who.areas.length ? [...who.areas, NO_AREA] : [];

  let page: { items: CaseSummary[]; cursor?: string };
  const at = q.cursor ? { cursor: q.cursor } : {};
  if (areas.length === 1) page = await d.cases.listOpenCases({ ...base, ...(areas[0] ? { area: areas[0] } : {}), ...at });
  // An officer with no areas sees the cases assigned to them.
  else if (areas.length === 0) page = await d.cases.listOpenCases({ ...base, officer: who.sub, ...at });
  else page = await mergedPage(d, base, areas as string[], q.cursor);
  const visible = page.items.filter((s) => maySee(who, s));
  return json(
    200,
    {
      asAt: now.toISOString(),
      items: visible.map((s) => caseloadItem(s, now)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
    context.correlationId,
  );
}

/** Reads the clear summary first, so an unseen case is refused before any audited, decrypted read. */
async function visibleSummary(d: Deps, caseId: string, who: Identity) {
  if (!CASE_ID.test(caseId)) throw notFound('case not found');
  const summary = await d.cases.getSummary(caseId);
  if (!summary || !maySee(who, summary)) throw notFound('case not found');
  return summary;
}

/** GET /api/cases/{id}: the case without names or contact details, the read recorded (`case-viewed`). */
async function getCase(caseId: string, context: ApiContext, d: Deps): Promise<ApiResult> {
  const who = caller(context);
  await visibleSummary(d, caseId, who);
  const stored = await d.cases.getCase(caseId, { sub: who.sub, role: actingRole(who) });
  const events = await d.cases.listEvents(caseId);
  return json(200, caseView(stored, events, d.config, d.now()), context.correlationId, { etag: `"${stored.version}"` });
}

/**
 * POST /api/cases/{id}/reveal: the case with names, contact details and typed text, shown because
 * the officer chose to. `details-revealed` is recorded (who, when) before anything is read.
 */
async function revealCase(caseId: string, context: ApiContext, d: Deps): Promise<ApiResult> {
  const who = caller(context);
  await visibleSummary(d, caseId, who);
  const now = d.now();
  await d.cases.appendEvent(caseId, { type: 'details-revealed', at: now.toISOString(), actor: { sub: who.sub, role: actingRole(who) } });
  const stored = await d.cases.getCase(caseId, 'system');
  const [history, events] = await Promise.all([d.cases.findLinkedCases(stored.linkKeys, { excludeCaseId: caseId }), d.cases.listEvents(caseId)]);
  d.logger.info('case details revealed', { caseId });
  return json(200, caseView({ ...stored, history }, events, d.config, now, true), context.correlationId, { etag: `"${stored.version}"` });
}

/** The version the caller read: If-Match ("3", W/"3" or 3) or `expectedVersion` in the body. */
function expectedVersion(event: APIGatewayProxyEventV2, body: Record<string, unknown>): number {
  const ifMatch = header(event, 'if-match');
  const fromHeader = ifMatch?.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  const raw = fromHeader ?? body.expectedVersion;
  if (raw === undefined) throw badRequest([{ field: 'expectedVersion', problem: 'is required: send the version you read as If-Match or expectedVersion' }]);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badRequest([{ field: ifMatch !== undefined ? 'If-Match' : 'expectedVersion', problem: 'must be a whole number of at least 1' }]);
  return n;
}

/** POST /api/cases/{id}/{command}: validate, apply with the read version, record, signal the workflow. */
async function runCommand(event: APIGatewayProxyEventV2, caseId: string, rest: string, context: ApiContext, d: Deps): Promise<ApiResult> {
  const spec = COMMAND_ROUTES.find((r) => r.pattern.test(rest));
  if (!spec) throw notFound('no such command');
  let duty: Duty | undefined;
  if (spec.duty) {
    const named = spec.pattern.exec(rest)![1]!;
    if (!(DUTIES as readonly string[]).includes(named)) throw badRequest([{ field: 'duty', problem: 'is not a known duty' }]);
    duty = named as Duty;
  }
  const raw = context.body ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest([{ field: '(body)', problem: 'must be a JSON object' }]);
  const { expectedVersion: _v, ...input } = raw as Record<string, unknown>;
  const version = expectedVersion(event, raw as Record<string, unknown>);
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) throw badRequest(fieldsFromZod(parsed.error));
  const command = { kind: spec.kind, input: parsed.data, ...(duty ? { duty } : {}) } as Command;

  const who = caller(context);
  if (spec.kind === 'assign' && !mayAssign(who))
    throw new HttpError(403, 'only a manager or the safeguarding lead assigns cases', [{ field: 'role', problem: 'must be manager or safeguarding-lead' }]);
  await visibleSummary(d, caseId, who);
  const now = d.now();
  const at = now.toISOString();
  const actor = { sub: who.sub, role: actingRole(who) };
  // The repository reads `events` after `mutate` has run, so the command's entries go in the same write.
  const events: NewEvent[] = [];
  let dash: unknown;
  const prior = { status: '' };
  const updated: StoredCase = await d.cases.updateCase(
    caseId,
    version,
    (current) => {
      prior.status = current.state.status;
      const result = applyCommand(current.state, command, {
        config: d.config,
        now,
        actor: who.sub,
        ...(current.safetyPlan ? { safetyPlan: current.safetyPlan } : {}),
      });
      if (!result.ok)
        throw new HttpError(result.status, result.error, result.problems, result.missing ? { missing: result.missing } : {});
      // The deadline and the clock keeping it are replaced together (none when the plan is empty, e.g. closed).
      const { nextDueAt: _at, nextDueClock: _clock, nextDueDuty: _duty, ...rest } = current;
      const next: StoredCase = { ...rest, state: result.state, ...nextDueFields(nextDeadline(planClocks(result.state, d.config))) };
      if (result.changes.safetyPlan) next.safetyPlan = { ...result.changes.safetyPlan, updatedAt: at, updatedBy: who.sub };
      if (result.changes.dashAnswers) next.dashAnswers = result.changes.dashAnswers;
      result.events.forEach((e) => events.push({ type: e.type, at: e.at ?? at, actor, ...(e.duty ? { duty: e.duty } : {}), ...(e.details ? { details: e.details } : {}) }));
      dash = result.dash;
      return next;
    },
    events,
  );

  // A case that opened again (reopened by a new incident, or a signposted record made a case) has no
  // running lifecycle to signal: its execution ended at closure, or never started. It gets a new one.
  const reopened = prior.status !== 'open' && updated.state.status === 'open';
  let signalled = true;
  try {
    if (reopened) await d.workflow.reopenCase(caseId, updated.state.associationId);
    else await d.workflow.signalChange(caseId);
  } catch (e) {
    // The change is stored; the lifecycle re-reads the case on its next wake. Say so, never fail the write.
    signalled = false;
    d.logger.error(reopened ? 'workflow start failed' : 'workflow signal failed', { caseId, errorClass: e instanceof Error ? e.name : typeof e });
  }
  d.logger.info('case command', { caseId, command: spec.kind, version: updated.version });
  return json(
    200,
    { caseId, version: updated.version, status: updated.state.status, ...(dash ? { dash } : {}), signalled },
    context.correlationId,
    { etag: `"${updated.version}"` },
  );
}

/** Routes one request of the cases API. */
async function routeRequest(event: APIGatewayProxyEventV2, context: ApiContext, d: Deps): Promise<ApiResult> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = (event.rawPath ?? '').replace(/\/+$/, '');
  if (path === '/api/cases') {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', [{ field: 'method', problem: 'must be GET' }]);
    return listCases(event, context, d);
  }
  const match = /^\/api\/cases\/([^/]+)(?:\/(.+))?$/.exec(path);
  if (!match) throw notFound();
  const caseId = decodeURIComponent(match[1]!);
  const rest = match[2];
  if (!rest) {
    if (method !== 'GET') throw new HttpError(405, 'method not allowed', [{ field: 'method', problem: 'must be GET' }]);
    return getCase(caseId, context, d);
  }
  if (method !== 'POST') throw new HttpError(405, 'method not allowed', [{ field: 'method', problem: 'must be POST' }]);
  if (rest === 'reveal') return revealCase(caseId, context, d);
  return runCommand(event, caseId, rest, context, d);
}

/** Builds the cases handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  return httpApi(resolver(source), routeRequest, { roles: CASE_ROLES });
}

/** The Lambda entry point: deps built once per container from the environment. */
export const handler = createHandler(() => depsFromEnvironment('haven-cases'));

/**
 * The staff cases API: the caseload, the audited case view and every case command, behind one small
 * route table. Routes are matched on the raw path so the deployed route may be `{command+}` or any
 * finer set. Every command needs the version the caller read (If-Match or `expectedVersion`), writes
 * with one conditional put, records its timeline entries and then tells the workflow.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { NewEvent, StoredCase } from '../adapters/case-repository.js';
import { depsFromEnvironment, resolver, type Deps, type DepsSource } from '../adapters/deps.js';
import { badRequest, fieldsFromZod, HttpError, notFound } from '../adapters/http/errors.js';
import type { Identity } from '../adapters/http/identity.js';
import { header, httpApi, json, type ApiContext, type ApiResult } from '../adapters/http/middleware.js';
import { RISK_LEVELS } from '../core/case.js';
import { planClocks } from '../core/clock-plan.js';
import { applyCommand, commandSchemas, type Command } from '../core/commands.js';
import { DUTIES, type Duty } from '../core/duties.js';
import { actingRole, CASE_ROLES, maySee, seesAll } from './access.js';
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
];

const listQuerySchema = z.strictObject({
  area: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be an area id').optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  officer: z.string().regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).regex(/^[A-Za-z0-9_=+/-]+$/, 'must be the cursor of a previous page').optional(),
});

function caller(context: ApiContext): Identity {
  // httpApi has already refused requests without an identity holding a case role.
  return context.caller!;
}

/** GET /api/cases: open cases, soonest due first, filtered; officers see their areas only. */
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
  } else areas = who.areas.length ? who.areas : [];

  let items;
  let cursor: string | undefined;
  if (areas.length === 1) {
    const page = await d.cases.listOpenCases({ ...base, ...(areas[0] ? { area: areas[0] } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) });
    items = page.items;
    cursor = page.cursor;
  } else if (areas.length === 0) {
    // An officer with no areas sees the cases assigned to them.
    const page = await d.cases.listOpenCases({ ...base, officer: who.sub, ...(q.cursor ? { cursor: q.cursor } : {}) });
    items = page.items;
    cursor = page.cursor;
  } else {
    if (q.cursor) throw badRequest([{ field: 'cursor', problem: 'needs an area when you work in several areas' }]);
    const pages = await Promise.all(areas.map((area) => d.cases.listOpenCases({ ...base, ...(area ? { area } : {}) })));
    items = pages
      .flatMap((p) => p.items)
      .sort((a, b) => (a.nextDueAt ?? '9999').localeCompare(b.nextDueAt ?? '9999'))
      .slice(0, base.limit);
  }
  const visible = items.filter((s) => maySee(who, s));
  return json(
    200,
    {
      items: visible.map((s) => ({ ...s, overdue: s.nextDueAt !== undefined && Date.parse(s.nextDueAt) < now.getTime() })),
      ...(cursor ? { cursor } : {}),
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

/** GET /api/cases/{id}: the decrypted case for the reader, the read recorded on the timeline. */
async function getCase(caseId: string, context: ApiContext, d: Deps): Promise<ApiResult> {
  const who = caller(context);
  await visibleSummary(d, caseId, who);
  const stored = await d.cases.getCase(caseId, { sub: who.sub, role: actingRole(who) });
  const events = await d.cases.listEvents(caseId);
  return json(200, caseView(stored, events, d.config, d.now()), context.correlationId, { etag: `"${stored.version}"` });
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
  await visibleSummary(d, caseId, who);
  const now = d.now();
  const at = now.toISOString();
  const actor = { sub: who.sub, role: actingRole(who) };
  // The repository reads `events` after `mutate` has run, so the command's entries go in the same write.
  const events: NewEvent[] = [];
  let dash: unknown;
  const updated: StoredCase = await d.cases.updateCase(
    caseId,
    version,
    (current) => {
      const result = applyCommand(current.state, command, {
        config: d.config,
        now,
        actor: who.sub,
        ...(current.safetyPlan ? { safetyPlan: current.safetyPlan } : {}),
      });
      if (!result.ok)
        throw new HttpError(result.status, result.error, result.problems, result.missing ? { missing: result.missing } : {});
      const next: StoredCase = { ...current, state: result.state };
      if (result.changes.safetyPlan) next.safetyPlan = { ...result.changes.safetyPlan, updatedAt: at, updatedBy: who.sub };
      if (result.changes.dashAnswers) next.dashAnswers = result.changes.dashAnswers;
      const due = planClocks(result.state, d.config)
        .map((p) => p.deadline)
        .sort()[0];
      if (due) next.nextDueAt = due;
      else delete next.nextDueAt;
      result.events.forEach((e) => events.push({ type: e.type, at: e.at ?? at, actor, ...(e.duty ? { duty: e.duty } : {}), ...(e.details ? { details: e.details } : {}) }));
      dash = result.dash;
      return next;
    },
    events,
  );

  let signalled = true;
  try {
    await d.workflow.signalChange(caseId);
  } catch (e) {
    // The change is stored; the lifecycle re-reads the case on its next wake. Say so, never fail the write.
    signalled = false;
    d.logger.error('workflow signal failed', { caseId, errorClass: e instanceof Error ? e.name : typeof e });
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
  return runCommand(event, caseId, rest, context, d);
}

/** Builds the cases handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  return httpApi(resolver(source), routeRequest, { roles: CASE_ROLES });
}

/** The Lambda entry point: deps built once per container from the environment. */
export const handler = createHandler(() => depsFromEnvironment('haven-cases'));

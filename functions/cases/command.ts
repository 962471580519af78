/**
 * POST /api/cases/{id}/{command}: validate, apply with the version the caller read (If-Match or
 * `expectedVersion`), write with one conditional put that carries the timeline entries, then tell
 * the workflow. Which command a path names is here; what each command does is core/commands/.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Deps } from '../adapters/deps.js';
import { fieldsFromZod } from '../adapters/http/errors.js';
import { type ApiResult, header, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import { type NewEvent, nextDueFields, type StoredCase } from '../adapters/store/index.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { applyCommand, COMMANDS, type Command, type CommandSpec } from '../core/commands/index.js';
import type { CommandContext, CommandResult } from '../core/commands/types.js';
import { currentPlan } from '../core/contact-plan.js';
import { DUTIES, type Duty } from '../core/duties.js';
import { Refusal } from '../core/problems.js';
import type { StaffMember } from '../core/roles.js';
import { actingRole, mayAssign } from '../core/rules/case-access.js';
import { tiersSent } from '../core/rules/escalation-acknowledgement.js';
import { markHomeWhenDone } from './home-marker.js';
import { checkCaseId, refuseUnseen, visibleSummary } from './read.js';
import { callerOf, pathParam } from './route-input.js';
import { staffMembers } from './staff.js';

/** The command path segments after `/api/cases/{id}/`, and the command each names (a group names the duty). */
const COMMAND_PATHS: [RegExp, Command['kind']][] = [
  [/^contacts$/, 'contact'],
  [/^contact-plan$/, 'contactPlan'],
  [/^dash$/, 'dash'],
  [/^pathway$/, 'pathway'],
  [/^referrals$/, 'referral'],
  [/^referrals\/([a-z-]+)\/acknowledge$/, 'acknowledge'],
  [/^consent$/, 'consent'],
  [/^actions\/([a-z-]+)$/, 'action'],
  [/^incidents$/, 'incident'],
  [/^facts$/, 'facts'],
  [/^holding-pause$/, 'holdingPause'],
  [/^safety-plan$/, 'safetyPlan'],
  [/^safety-plan\/share$/, 'share'],
  [/^close$/, 'close'],
  [/^assign$/, 'assign'],
  [/^escalations\/([a-z-]+)\/acknowledge$/, 'acknowledgeEscalation'],
];

const invalid = (field: string, problem: string) => new Refusal('invalid', 'invalid request', [{ field, problem }]);

/** The version the caller read: If-Match ("3", W/"3" or 3) or `expectedVersion` in the body. */
function expectedVersion(event: APIGatewayProxyEventV2, body: Record<string, unknown>): number {
  const ifMatch = header(event, 'if-match');
  const fromHeader = ifMatch?.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  const raw = fromHeader ?? body.expectedVersion;
  if (raw === undefined)
    throw invalid('expectedVersion', 'is required: send the version you read as If-Match or expectedVersion');
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const field = ifMatch !== undefined ? 'If-Match' : 'expectedVersion';
  if (!Number.isInteger(n) || n < 1) throw invalid(field, 'must be a whole number of at least 1');
  return n;
}

/** The command the path and body name, validated; refused before anything is read. */
function commandOf(path: string, event: APIGatewayProxyEventV2, raw: unknown): { command: Command; version: number } {
  const found = COMMAND_PATHS.find(([pattern]) => pattern.test(path));
  if (!found) throw new Refusal('not-found', 'no such command');
  const [pattern, kind] = found;
  const spec: CommandSpec<Command> = COMMANDS[kind] as CommandSpec<Command>;
  let duty: Duty | undefined;
  if (spec.namesDuty) {
    // The pattern matched above; a command that names a duty captures it as the pattern's first group.
    const named = pattern.exec(path)?.[1];
    if (named === undefined) throw new Error(`the ${kind} command's path pattern captures no duty`);
    if (!(DUTIES as readonly string[]).includes(named)) throw invalid('duty', 'is not a known duty');
    duty = named as Duty;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('(body)', 'must be a JSON object');
  const { expectedVersion: _v, ...input } = raw as Record<string, unknown>;
  const version = expectedVersion(event, raw as Record<string, unknown>);
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) throw new Refusal('invalid', 'invalid request', fieldsFromZod(parsed.error));
  return { command: { kind, input: parsed.data, ...(duty ? { duty } : {}) } as Command, version };
}

/** What a command reads beside the case state: the policy, the time, who acts, and the plans they check against. */
function contextOf(
  current: StoredCase,
  d: Deps,
  now: Date,
  who: { sub: string; email?: string | undefined },
  staff: readonly StaffMember[] | undefined,
  escalationsSent: Record<string, number[]> | undefined,
): CommandContext {
  const plan = currentPlan(current.contactPlans);
  return {
    config: d.config,
    now,
    actor: who.sub,
    ...(who.email ? { actorEmail: who.email } : {}),
    ...(staff ? { staff } : {}),
    ...(escalationsSent ? { escalationsSent } : {}),
    contactPlans: current.contactPlans,
    ...(plan ? { contactPlan: plan } : {}),
    ...(current.safetyPlan ? { safetyPlan: current.safetyPlan } : {}),
  };
}

/** Tells the workflow; a failure is logged and reported as `signalled: false`, never a failed write. */
async function tellWorkflow(d: Deps, caseId: string, prior: string, updated: StoredCase): Promise<boolean> {
  // A case that opened again (reopened by a new incident, or a signposted record made a case) has no
  // running lifecycle to signal: its execution ended at closure, or never started. It gets a new one.
  const reopened = prior !== 'open' && updated.state.status === 'open';
  try {
    if (reopened) await d.workflow.reopenCase(caseId, updated.state.associationId);
    else await d.workflow.signalChange(caseId);
    return true;
  } catch (e) {
    // The change is stored; the lifecycle re-reads the case on its next wake.
    const errorClass = e instanceof Error ? e.name : typeof e;
    d.logger.error(reopened ? 'workflow start failed' : 'workflow signal failed', { caseId, errorClass });
    return false;
  }
}

/** POST /api/cases/{id}/{command} (see the module comment). */
export async function runCommand({ event, context, params, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const caseId = pathParam(params, 'id');
  const { command, version } = commandOf(pathParam(params, 'command'), event, context.body ?? {});
  const who = callerOf(context);
  if (command.kind === 'assign' && !mayAssign(who))
    throw new Refusal('forbidden', 'only a manager or the safeguarding lead assigns cases', [
      { field: 'role', problem: 'must be manager or safeguarding-lead' },
    ]);
  // Assigning and "I've got this" read more before the update, so they see the case first; every other
  // command's one read of the case is checked by the same rule inside the update (its guard).
  if (command.kind === 'assign' || command.kind === 'acknowledgeEscalation') await visibleSummary(d, caseId, who);
  else checkCaseId(caseId);
  // Only an assignment needs the directory: who the officer is, and their email, come from it.
  const staff = command.kind === 'assign' ? await staffMembers(d) : undefined;
  // Only "I've got this" needs the timeline: which tiers the chain actually sent.
  const sent = command.kind === 'acknowledgeEscalation' ? tiersSent(await d.cases.listEvents(caseId)) : undefined;
  const now = d.now();
  const at = now.toISOString();
  const actor = { sub: who.sub, role: actingRole(who) };
  // The repository reads `events` after `mutate` has run, so the command's entries go in the same write.
  const events: NewEvent[] = [];
  let result: CommandResult | undefined;
  let prior = '';
  const updated = await d.cases.updateCase(
    caseId,
    version,
    async (current) => {
      prior = current.state.status;
      result = applyCommand(current.state, command, contextOf(current, d, now, who, staff, sent));
      const marked = await markHomeWhenDone(d, current, result, actor, at);
      // The deadline and the clock keeping it are replaced together (none when the plan is empty, e.g. closed).
      const { nextDueAt: _at, nextDueClock: _clock, nextDueDuty: _duty, ...rest } = current;
      const next: StoredCase = {
        ...rest,
        state: result.state,
        ...nextDueFields(nextDeadline(planClocks(result.state, d.config))),
      };
      if (result.changes.safetyPlan)
        next.safetyPlan = { ...result.changes.safetyPlan, updatedAt: at, updatedBy: who.sub };
      if (result.changes.dashAnswers) next.dashAnswers = result.changes.dashAnswers;
      if (result.changes.contactPlans) next.contactPlans = result.changes.contactPlans;
      for (const e of result.events)
        events.push({
          type: e.type,
          at: e.at ?? at,
          actor,
          ...(e.duty ? { duty: e.duty } : {}),
          ...(e.details ? { details: e.details } : {}),
        });
      events.push(...marked);
      return next;
    },
    events,
    (summary) => refuseUnseen(who, summary),
  );
  const signalled = await tellWorkflow(d, caseId, prior, updated);
  d.logger.info('case command', { caseId, command: command.kind, version: updated.version });
  const dash = result?.dash ? { dash: result.dash } : {};
  const body = { caseId, version: updated.version, status: updated.state.status, ...dash, signalled };
  return json(200, body, context.correlationId, { etag: `"${updated.version}"` });
}

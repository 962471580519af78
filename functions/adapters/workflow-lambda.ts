/**
 * What the lifecycle Lambdas share: their dependencies (injected by the local engine and tests,
 * built from the environment in AWS), the clock steps' task input, and one thin middy wrapper that
 * parses the task input with zod and logs ids and error classes only.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type * as z from 'zod/mini';
import type { AssociationConfig } from '../core/association.js';
import type { NextDeadline } from '../core/clock-plan.js';
import type { AlarmTopic } from './alarm.js';
import { deployedAssociation } from './deployed-association.js';
import { type EnvironmentParts, required, storeFromEnvironment } from './environment.js';
import type { Mailer, SendMarkers } from './mailer.js';
import type { AlertRecord, NewEvent, StoredCase } from './store/index.js';
import type { WorkflowClient } from './workflow.js';
import type { WorkflowStore } from './workflow-store.js';

/**
 * The slice of the case repository the lifecycle uses (system reads, idempotent appends, the next
 * deadline); the CaseRepository itself satisfies it.
 */
export interface LifecycleCases {
  getCase(
    caseId: string,
    reader: 'system',
  ): Promise<
    Pick<
      StoredCase,
      'reference' | 'state' | 'report' | 'contactPlans' | 'version' | 'nextDueAt' | 'nextDueClock' | 'nextDueDuty'
    >
  >;
  appendEvent(caseId: string, event: NewEvent & { id: string }): Promise<unknown>;
  /** Records the escalations sent, one alert per recipient (the alerts list), once each. */
  recordAlerts(alerts: readonly AlertRecord[]): Promise<unknown>;
  /** Sets the clear next deadline and the clock keeping it at a version (ConflictError if the case moved on). */
  setNextDueAt(caseId: string, expectedVersion: number, next: NextDeadline | undefined): Promise<unknown>;
}

/** Everything a lifecycle handler needs. */
export interface LifecycleDeps {
  cases: LifecycleCases;
  store: WorkflowStore;
  mailer: Mailer;
  /** The operations alarm topic (faults, emails that may not have gone): it never goes through SES. */
  alarm: AlarmTopic;
  workflow: WorkflowClient;
  config: (associationId: string) => AssociationConfig;
  now: () => Date;
  /** The staff console's base URL: emails link to `${consoleUrl}/case.html?id=<id>`. */
  consoleUrl: string;
}

/** Lambda's view of a handler: the task input in, a JSON value out. */
export type LifecycleHandler = (event: unknown, context?: unknown) => Promise<unknown>;

const logger = new Logger({ serviceName: 'haven-lifecycle' });

/** Thrown when a task input does not parse: names the fields only (inputs hold ids, but still). */
class TaskInputError extends Error {
  constructor(fields: string[]) {
    super(`invalid task input: ${fields.join(', ') || '(root)'}`);
    this.name = 'TaskInputError';
  }
}

/**
 * What a failed step hands to Lambda (its "Invoke Error" log line) and Step Functions (TaskFailed
 * cause, `$.fault.Cause`): the original class as the error name, so Retry/Catch still match, and fixed
 * words. An upstream message (an SDK's, a driver's) may name a person, so it never travels on; only
 * our own errors that declare a safe message keep theirs. Stack frames are kept, the message line is not.
 */
function taskFailure(step: string, e: unknown): Error {
  const raw = (e as { name?: unknown } | null)?.name;
  const name = typeof raw === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(raw) ? raw : 'Error';
  const safe =
    e instanceof TaskInputError || (e instanceof Error && (e as { safeMessage?: unknown }).safeMessage === true);
  const out = new Error(safe ? (e as Error).message : `lifecycle step ${step} failed (${name})`);
  out.name = name;
  const frames =
    e instanceof Error && typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  out.stack = [`${name}: ${out.message}`, ...frames].join('\n');
  return out;
}

/** Wraps a lifecycle step as a Lambda handler: zod parse, then the step; errors logged and passed on by class. */
export function lifecycleLambda<S extends z.ZodMiniType, R>(
  step: string,
  schema: S,
  deps: () => LifecycleDeps | Promise<LifecycleDeps>,
  fn: (input: z.infer<S>, deps: LifecycleDeps) => Promise<R>,
): LifecycleHandler {
  const handler = middy(async (event: unknown) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new TaskInputError(parsed.error.issues.map((i) => i.path.join('.')));
    return fn(parsed.data, await deps());
  }).onError(async (request) => {
    const event = request.event as { caseId?: unknown; key?: unknown };
    const error = request.error as Error | null;
    // Whatever failed (the step or a middleware) leaves as name and fixed words only; set first, as
    // middy attaches the original error to anything an onError handler throws.
    request.error = taskFailure(step, error);
    logger.error('lifecycle step failed', {
      step,
      caseId: typeof event?.caseId === 'string' ? event.caseId : undefined,
      key: typeof event?.key === 'string' ? event.key : undefined,
      errorName: request.error.name,
    });
  });
  return (event, context) => handler(event, (context ?? {}) as never) as Promise<unknown>;
}

let fromEnv: Promise<LifecycleDeps> | undefined;

/** Stands in for the mailer of a function without `mail:send` (lib/handlers.ts): any send fails, saying so. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error('mail is not configured for this function');
  },
};

/** Stands in for the alarm topic of a function without `alarm:raise`: any alarm fails, saying so. */
const noAlarm: AlarmTopic = {
  raise: async () => {
    throw new Error('the alarm topic is not configured for this function');
  },
};

/** What a lifecycle Lambda's permissions add (lambda-parts.ts), beyond the shared parts of environment.ts. */
export interface LifecycleParts extends EnvironmentParts {
  /** `mail:send`: the mailer, given MAIL_FROM. Otherwise (or without MAIL_FROM) one that refuses. */
  mailer?: (from: string, markers: SendMarkers, now: () => Date) => Mailer;
  /** `alarm:raise`: the alarm topic, given ALARM_TOPIC_ARN. Otherwise (or without it) one that refuses. */
  alarm?: (topicArn: string) => AlarmTopic;
}

/**
 * The deployed Lambdas' dependencies, built once per container from the environment (lib/functions.ts)
 * with the parts the handler's entry gives (lambda-parts.ts, by its permissions): the shared parts from
 * environment.ts (their own case repository, typed as the lifecycle uses it; the bundle's association),
 * CONSOLE_URL, where the function may send mail MAIL_FROM, and where it may raise alarms ALARM_TOPIC_ARN.
 */
export function defaultLifecycleDeps(parts: LifecycleParts = {}): Promise<LifecycleDeps> {
  fromEnv ??= (async () => {
    const shared = await storeFromEnvironment(parts);
    const cases: LifecycleCases = shared.cases;
    const { store, workflow } = shared;
    const now = () => new Date();
    const from = process.env.MAIL_FROM;
    const mailer = from && parts.mailer ? parts.mailer(from, store, now) : noMailer;
    const topicArn = process.env.ALARM_TOPIC_ARN;
    const alarm = topicArn && parts.alarm ? parts.alarm(topicArn) : noAlarm;
    const consoleUrl = required('CONSOLE_URL');
    return { cases, store, mailer, alarm, workflow, config: (id: string) => deployedAssociation(id), now, consoleUrl };
  })().catch((e: unknown) => {
    fromEnv = undefined;
    throw e;
  });
  return fromEnv;
}

/** The deployed handler's dependencies with the parts its entry gives (`lifecycleLambda`'s builder). */
export const fromEnvironment = (parts: LifecycleParts) => () => defaultLifecycleDeps(parts);

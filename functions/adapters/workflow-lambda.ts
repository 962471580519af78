/**
 * What the lifecycle Lambdas share: their dependencies (injected by the local engine and tests,
 * built from the environment in AWS) and one thin middy wrapper that parses the task input with zod
 * and logs ids and error classes only.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import type { z } from 'zod';
import type { AssociationConfig } from '../core/association.js';
import type { CaseState } from '../core/case.js';
import type { Report } from '../core/report.js';
import type { NewEvent } from './case-types.js';
import type { Mailer } from './mailer.js';
import type { WorkflowClient } from './workflow.js';
import type { WorkflowStore } from './workflow-store.js';

/** The slice of the case repository the lifecycle uses (system reads, idempotent appends). */
export interface LifecycleCases {
  getCase(caseId: string, reader: 'system'): Promise<{ reference: string; state: CaseState; report: Report }>;
  appendEvent(caseId: string, event: NewEvent & { id: string }): Promise<unknown>;
}

/** Everything a lifecycle handler needs. */
export interface LifecycleDeps {
  cases: LifecycleCases;
  store: WorkflowStore;
  mailer: Mailer;
  workflow: WorkflowClient;
  config: (associationId: string) => AssociationConfig;
  now: () => Date;
  /** The staff console's base URL: emails link to `${consoleUrl}/cases/<id>`. */
  consoleUrl: string;
}

/** Lambda's view of a handler: the task input in, a JSON value out. */
export type LifecycleHandler = (event: unknown, context?: unknown) => Promise<unknown>;

const logger = new Logger({ serviceName: 'haven-lifecycle' });

/** Thrown when a task input does not parse: names the fields only (inputs hold ids, but still). */
export class TaskInputError extends Error {
  constructor(fields: string[]) {
    super(`invalid task input: ${fields.join(', ') || '(root)'}`);
    this.name = 'TaskInputError';
  }
}

/** Wraps a lifecycle step as a Lambda handler: zod parse, then the step; errors logged by class. */
export function lifecycleLambda<S extends z.ZodType, R>(
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
    logger.error('lifecycle step failed', {
      step,
      caseId: typeof event?.caseId === 'string' ? event.caseId : undefined,
      key: typeof event?.key === 'string' ? event.key : undefined,
      errorName: error?.name,
    });
  });
  return (event, context) => handler(event, (context ?? {}) as never) as Promise<unknown>;
}

let fromEnv: Promise<LifecycleDeps> | undefined;

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

/**
 * The deployed Lambdas' dependencies, built once per container from the environment (lib/handlers.ts):
 * the case repository and field crypto as deps.ts builds them, TABLE_NAME, MAIL_FROM,
 * SES_CONFIGURATION_SET?, STATE_MACHINE_ARN, CLOCK_STATE_MACHINE_ARN, CONSOLE_URL.
 */
export function defaultLifecycleDeps(): Promise<LifecycleDeps> {
  fromEnv ??= (async () => {
    const [{ depsFromEnvironment }, { documentClient }, { createDynamoWorkflowStore }, { createWorkflowClient, createSfnRuntime }, { createSesMailer }, sfn, ses, config] =
      await Promise.all([
        import('./deps.js'),
        import('./dynamo.js'),
        import('./workflow-store.js'),
        import('./workflow.js'),
        import('./mailer.js'),
        import('@aws-sdk/client-sfn'),
        import('@aws-sdk/client-sesv2'),
        import('../../config/index.js'),
      ]);
    const http = await depsFromEnvironment('haven-lifecycle');
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const store = createDynamoWorkflowStore({ doc: documentClient(endpoint ? { endpoint } : {}), tableName: required('TABLE_NAME') });
    const lifecycleArn = required('STATE_MACHINE_ARN');
    const workflow = createWorkflowClient(
      createSfnRuntime({ sfn: new sfn.SFNClient({}), lifecycleArn, clockArn: process.env.CLOCK_STATE_MACHINE_ARN ?? lifecycleArn }),
      store,
    );
    const now = () => new Date();
    const configurationSet = process.env.SES_CONFIGURATION_SET;
    const mailer = createSesMailer({ client: new ses.SESv2Client({}), from: required('MAIL_FROM'), markers: store, now, ...(configurationSet ? { configurationSet } : {}) });
    return {
      // deps.ts builds the whole CaseRepository and narrows its type for HTTP; the lifecycle also appends events.
      cases: http.cases as unknown as LifecycleCases,
      store,
      mailer,
      workflow,
      config: config.getAssociation,
      now,
      consoleUrl: required('CONSOLE_URL'),
    };
  })().catch((e: unknown) => {
    fromEnv = undefined;
    throw e;
  });
  return fromEnv as Promise<LifecycleDeps>;
}

/**
 * Timeline event types the lifecycle writes beyond the repository's list. Until the repository
 * adopts them they are written as `note-added` with the kind in `details.kind`.
 */
export const LIFECYCLE_EVENT_KINDS = ['workflow-fault', 'feedback-requested', 'lessons-learned-due', 'clocks-stopped'] as const;
export type LifecycleEventKind = (typeof LIFECYCLE_EVENT_KINDS)[number];

/** A lifecycle event of one of the kinds above, in the repository's terms. */
export function lifecycleEvent(kind: LifecycleEventKind, event: Omit<NewEvent, 'type'> & { id: string }): NewEvent & { id: string } {
  return { ...event, type: 'note-added', details: { kind, ...(event.details ?? {}) } };
}

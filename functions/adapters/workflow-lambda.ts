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
  deps: () => LifecycleDeps,
  fn: (input: z.infer<S>, deps: LifecycleDeps) => Promise<R>,
): LifecycleHandler {
  const handler = middy(async (event: unknown) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new TaskInputError(parsed.error.issues.map((i) => i.path.join('.')));
    return fn(parsed.data, deps());
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

let fromEnv: LifecycleDeps | undefined;
let envFactory: (() => LifecycleDeps) | undefined;

/** Registers how the deployed Lambdas build their dependencies (the CDK entry point does this once). */
export function setDefaultLifecycleDeps(factory: () => LifecycleDeps): void {
  envFactory = factory;
  fromEnv = undefined;
}

/** The deployed Lambdas' dependencies, built once per process on first use. */
export function defaultLifecycleDeps(): LifecycleDeps {
  if (!fromEnv) {
    if (!envFactory) throw new Error('lifecycle dependencies are not configured');
    fromEnv = envFactory();
  }
  return fromEnv;
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

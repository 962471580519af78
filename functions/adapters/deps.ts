/**
 * What the HTTP handlers (intake, report form, cases, figures) need (the association's config, the
 * case store, the workflow client, a clock, a logger, where the public form is served) and the one
 * place Lambda builds it from the environment, once per container. Tests and the local runtime pass their own.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { AssociationConfig } from '../core/association.js';
import type { StaffDirectory } from './directory.js';
import { type EnvironmentParts, storeFromEnvironment } from './environment.js';
import type { CaseRepository } from './store/index.js';
import type { WorkflowClient } from './workflow.js';

/** The slice of the case repository the HTTP handlers use. */
export type HttpCases = Pick<
  CaseRepository,
  | 'createCase'
  | 'getCase'
  | 'getSummary'
  | 'updateCase'
  | 'appendEvent'
  | 'listEvents'
  | 'listOpenCases'
  | 'listClosedCases'
  | 'openCasesFrom'
  | 'closedCasesFrom'
  | 'findCaseByReference'
  | 'listCasesForFigures'
  | 'findLinkedCases'
  | 'setHomeMarker'
  | 'listAlerts'
>;

/** Where the public form is served, which differs between AWS and one machine. */
export interface FormPlacement {
  /** Prefix the browser sees before `/report` ('' in AWS; `/{associationId}` on one machine). */
  basePath?: string;
  /** Where govuk-frontend and Haven assets are served (default `/assets`). */
  assetPath?: string;
  /** The neutral page Exit this page goes to. */
  exitUrl?: string;
}

/** Everything an HTTP handler needs. */
export interface Deps {
  config: AssociationConfig;
  cases: HttpCases;
  workflow: Pick<WorkflowClient, 'startCase' | 'signalChange' | 'reopenCase'>;
  /** Keyed hash (the field-crypto HMAC): derives idempotency keys from a body without keeping it. */
  hmac: (text: string) => string;
  now: () => Date;
  logger: Logger;
  /** Largest body accepted, in bytes (default 64 KB). */
  maxBodyBytes?: number;
  /** The staff console's base URL. */
  consoleUrl?: string;
  /** Where the public report form is served (the form's defaults when absent). */
  form?: FormPlacement;
  /**
   * The staff directory (GET /api/staff, assignment): the user pool's role groups in AWS
   * (directory-cognito.ts, the cases Lambda given USER_POOL_ID), the local identity's users on one machine.
   * None wired, both refuse as a wiring fault rather than accept an officer nobody can vouch for.
   */
  directory?: StaffDirectory;
}

/** Deps, or a function that builds them on first use (Lambda builds once per container). */
export type DepsSource = Deps | (() => Promise<Deps>);

/** Resolves a DepsSource, building at most once. */
export function resolver(source: DepsSource): () => Promise<Deps> {
  if (typeof source !== 'function') return () => Promise.resolve(source);
  let built: Promise<Deps> | undefined;
  return () => {
    built ??= source().catch((e: unknown) => {
      built = undefined;
      throw e;
    });
    return built;
  };
}

/** A logger that writes ids, correlation ids and error classes only (never events or bodies). */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
}

/** The form's placement in AWS: assets from `ASSET_BASE_URL`, else `${ALLOWED_ORIGIN}/assets`; Exit this page to `EXIT_URL`. */
function formPlacementFromEnvironment(): FormPlacement {
  const origin = process.env.ALLOWED_ORIGIN;
  const assetPath = process.env.ASSET_BASE_URL ?? (origin ? `${origin}/assets` : '/assets');
  return { assetPath, ...(process.env.EXIT_URL ? { exitUrl: process.env.EXIT_URL } : {}) };
}

/**
 * Builds the deps from the environment: the shared parts from environment.ts (table, the bundle's
 * association config, and the field crypto and workflow `parts` the handler's entry gives by its
 * permissions: lambda-parts.ts), then CONSOLE_URL? and, for the form, ASSET_BASE_URL,
 * ALLOWED_ORIGIN, EXIT_URL. The cases API adds its staff directory (directory-cognito.ts
 * `directoryFromEnvironment`), so no other Lambda bundles the Cognito client.
 */
export async function depsFromEnvironment(serviceName: string, parts: EnvironmentParts = {}): Promise<Deps> {
  const { config, crypto, cases, workflow } = await storeFromEnvironment(parts);
  return {
    config,
    cases,
    workflow,
    hmac: (t) => crypto.hmac(t),
    now: () => new Date(),
    logger: createLogger(serviceName),
    ...(process.env.CONSOLE_URL ? { consoleUrl: process.env.CONSOLE_URL } : {}),
    form: formPlacementFromEnvironment(),
  };
}

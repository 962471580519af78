/**
 * What the HTTP handlers need (the association's config, the case store, the workflow client, a
 * clock, a logger) and how Lambda builds it once from the environment. Tests and the local runtime
 * pass their own.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { getAssociation } from '../../config/index.js';
import type { AssociationConfig } from '../core/association.js';
import type { CaseRepository } from './case-repository.js';
import type { FieldCrypto } from './field-crypto.js';
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
  | 'listCasesForFigures'
  | 'findLinkedCases'
>;

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

/** Stands in for a dependency this Lambda was not given: any use is a configuration error. */
function unavailable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_t, prop) =>
      prop === 'then'
        ? undefined
        : () => {
            throw new Error(`${what} is not configured for this function`);
          },
  });
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

/**
 * Builds the deps from the environment: TABLE_NAME, ASSOCIATION_ID, KEY_ARN or FIELD_KEY_ARN (with
 * LINK_KEY_SECRET_ARN or LINK_KEY, read once by link-key.ts) or KEY_FILE, STATE_MACHINE_ARN
 * (CLOCK_STATE_MACHINE_ARN), DYNAMODB_ENDPOINT?, CONSOLE_URL.
 */
export async function depsFromEnvironment(serviceName: string): Promise<Deps> {
  const config = getAssociation(required('ASSOCIATION_ID'));
  // A Lambda without field permissions (figures) gets no link key source, and a crypto that refuses.
  const { fieldCryptoFromEnvironment } = await import('./link-key.js');
  const crypto: FieldCrypto = await fieldCryptoFromEnvironment();
  const { documentClient } = await import('./dynamo.js');
  const { createCaseRepository } = await import('./case-repository.js');
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const client = documentClient(endpoint ? { endpoint } : {});
  const tableName = required('TABLE_NAME');
  const cases = createCaseRepository({ client, tableName, associationId: config.id, crypto });
  // Only the deployed Lambdas reach SFN; tests and the local runtime inject their own workflow client.
  const [{ SFNClient }, { createWorkflowClient, createSfnRuntime }, { createDynamoWorkflowStore }] = await Promise.all([
    import('@aws-sdk/client-sfn'),
    import('./workflow.js'),
    import('./workflow-store.js'),
  ]);
  const lifecycleArn = process.env.STATE_MACHINE_ARN;
  const workflow: Deps['workflow'] = !lifecycleArn
    ? unavailable<Deps['workflow']>('workflow')
    : createWorkflowClient(
    createSfnRuntime({ sfn: new SFNClient({}), lifecycleArn, clockArn: process.env.CLOCK_STATE_MACHINE_ARN ?? lifecycleArn }),
    createDynamoWorkflowStore({ doc: client, tableName }),
  );
  return {
    config,
    cases,
    workflow,
    hmac: (t) => crypto.hmac(t),
    now: () => new Date(),
    logger: createLogger(serviceName),
    ...(process.env.CONSOLE_URL ? { consoleUrl: process.env.CONSOLE_URL } : {}),
  };
}

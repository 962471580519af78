/**
 * The one place a deployed Lambda builds its shared dependencies from the environment lib/functions.ts
 * gives it: the document client, the association's config (the one its bundle carries:
 * deployed-association.ts), the field crypto, the case repository, the workflow store and the workflow
 * client. deps.ts (HTTP Lambdas) and workflow-lambda.ts (lifecycle Lambdas) each add what only they need.
 *
 * What needs an SDK client of its own (the Encryption SDK and Secrets Manager, Step Functions) comes in as
 * `parts` from the handler's entry (lambda-parts.ts), named after its permissions in lib/handlers.ts: a
 * bundle carries only what its entry imports (esbuild inlines a dynamic `import()`, so loading late would
 * not keep it out). A part not given refuses on use, naming what is missing. Tests and the local runtime
 * inject their own deps and never come here.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AssociationConfig } from '../core/association.js';
import { deployedAssociation } from './deployed-association.js';
import { documentClient } from './dynamo.js';
import { CryptoError } from './errors.js';
import type { FieldCrypto } from './field-crypto.js';
import type { CaseRepository } from './store/index.js';
import { createWorkflowClient, type MachineName, type WorkflowClient, type WorkflowRuntime } from './workflow.js';
import { createDynamoWorkflowStore, type WorkflowStore } from './workflow-store.js';

/** The value of environment variable `name`; a Lambda without it is misconfigured and fails its cold start. */
export function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

/** What a case store is built over: the table, the association and the field crypto. */
export interface CaseStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  associationId: string;
  config: AssociationConfig;
  crypto: FieldCrypto;
}

/** What a Lambda's permissions add to the shared parts (lambda-parts.ts builds each from the environment). */
export interface EnvironmentParts<Cases = CaseRepository> {
  /**
   * The case store the handler uses (case-parts.ts: the whole repository, or only the reads a handler
   * makes, so its bundle carries no more of the store). Otherwise one that refuses every call.
   */
  cases?: (options: CaseStoreOptions) => Cases;
  /** `fields:encrypt` / `fields:decrypt`: the field crypto (KMS key and link key). Otherwise one that refuses. */
  fieldCrypto?: () => Promise<FieldCrypto>;
  /** `workflow:*` / `clocks:*`: the Step Functions runtime. Otherwise one that refuses every call. */
  runtime?: () => WorkflowRuntime;
}

/** What every deployed Lambda shares, built once per container by whichever builder asks. */
export interface EnvironmentStore<Cases = CaseRepository> {
  associationId: string;
  config: AssociationConfig;
  crypto: FieldCrypto;
  cases: Cases;
  store: WorkflowStore;
  workflow: WorkflowClient;
  /** The SFN runtime under `workflow` (the sweep asks it where executions stand). */
  runtime: WorkflowRuntime;
}

/** Stands in for the field crypto of a function without field permissions: any use fails, saying so. */
export const noFieldCrypto: FieldCrypto = {
  seal: () => Promise.reject(new CryptoError('the field key is not configured for this function')),
  open: () => Promise.reject(new CryptoError('the field key is not configured for this function')),
  hmac: () => {
    throw new CryptoError('the link key is not configured for this function');
  },
};

/** A case store whose every call fails, naming it: for a function that reads no cases, and the calls a narrow one leaves out. */
export function refusingCases(given: Partial<CaseRepository> = {}): CaseRepository {
  const refuse = (name: string) => () =>
    Promise.reject(new Error(`the case store's ${name} is not configured for this function`));
  return new Proxy(given, {
    get: (target, name) =>
      typeof name !== 'string' || name === 'then' ? undefined : (target[name as keyof typeof target] ?? refuse(name)),
  }) as CaseRepository;
}

/** Stands in for the SFN runtime of a function without workflow or clock permissions: every call fails, naming the machine. */
function noRuntime(): WorkflowRuntime {
  const refuse = (m: MachineName) =>
    Promise.reject(new Error(`the ${m} state machine is not configured for this function`));
  return {
    status: (m) => refuse(m),
    failure: (m) => refuse(m),
    start: (m) => refuse(m),
    stop: (m) => refuse(m),
    sendTaskSuccess: () => refuse('lifecycle'),
  };
}

/**
 * Builds the shared parts from ASSOCIATION_ID, TABLE_NAME, DYNAMODB_ENDPOINT? and the bundle's association
 * config, with the case store, the field crypto and the SFN runtime of `parts` (each reads its own
 * variables: lambda-parts.ts).
 * Nothing is called until first use.
 */
export async function storeFromEnvironment<Cases = CaseRepository>(
  parts: EnvironmentParts<Cases> = {},
): Promise<EnvironmentStore<Cases>> {
  const associationId = required('ASSOCIATION_ID');
  const tableName = required('TABLE_NAME');
  const config = deployedAssociation(associationId);
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const doc = documentClient(endpoint ? { endpoint } : {});
  const crypto = parts.fieldCrypto ? await parts.fieldCrypto() : noFieldCrypto;
  // Without `parts.cases`, Cases is its default (CaseRepository): the refusing one stands in for it.
  const cases = parts.cases
    ? parts.cases({ client: doc, tableName, associationId, config, crypto })
    : (refusingCases() as Cases);
  const store = createDynamoWorkflowStore({ doc, tableName });
  const runtime = parts.runtime ? parts.runtime() : noRuntime();
  return { associationId, config, crypto, cases, store, runtime, workflow: createWorkflowClient(runtime, store) };
}

/**
 * The one place a deployed Lambda builds its shared dependencies from the environment lib/functions.ts
 * gives it: the document client, the field crypto, the association's case repository, the workflow
 * store and the workflow client. deps.ts (HTTP Lambdas) and workflow-lambda.ts (lifecycle Lambdas)
 * each add what only they need. Tests and the local runtime inject their own and never come here.
 */
import type { FieldCrypto } from './field-crypto.js';
import type { CaseRepository } from './store/index.js';
import type { WorkflowClient, WorkflowRuntime } from './workflow.js';
import type { WorkflowStore } from './workflow-store.js';

/** The value of environment variable `name`; a Lambda without it is misconfigured and fails its cold start. */
export function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

/** What every deployed Lambda shares, built once per container by whichever builder asks. */
export interface EnvironmentStore {
  associationId: string;
  crypto: FieldCrypto;
  cases: CaseRepository;
  store: WorkflowStore;
  workflow: WorkflowClient;
  /** The SFN runtime under `workflow` (the sweep asks it where executions stand). */
  runtime: WorkflowRuntime;
}

/**
 * Builds the shared parts from ASSOCIATION_ID, TABLE_NAME, DYNAMODB_ENDPOINT?, the field key (KEY_FILE,
 * or KEY_ARN/FIELD_KEY_ARN with LINK_KEY_SECRET_ARN or LINK_KEY: link-key.ts) and, where the function's
 * permissions give them, STATE_MACHINE_ARN and CLOCK_STATE_MACHINE_ARN. A machine whose ARN is absent
 * refuses any call on it, naming it (workflow.ts `createSfnRuntime`); nothing is read until first use.
 */
export async function storeFromEnvironment(): Promise<EnvironmentStore> {
  const associationId = required('ASSOCIATION_ID');
  const tableName = required('TABLE_NAME');
  // Loaded on first use: a cold start pays only for what this builder needs, and tests that inject never load them.
  const [linkKey, dynamo, caseStore, workflowStore, workflowClient, { SFNClient }] = await Promise.all([
    import('./link-key.js'),
    import('./dynamo.js'),
    import('./store/index.js'),
    import('./workflow-store.js'),
    import('./workflow.js'),
    import('@aws-sdk/client-sfn'),
  ]);
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const doc = dynamo.documentClient(endpoint ? { endpoint } : {});
  // One home for where the keys come from (Secrets Manager in AWS, the key file on one machine); a
  // function given no link key source (figures) gets a crypto that refuses every use.
  const crypto = await linkKey.fieldCryptoFromEnvironment();
  const cases = caseStore.createCaseRepository({ client: doc, tableName, associationId, crypto });
  const store = workflowStore.createDynamoWorkflowStore({ doc, tableName });
  const lifecycleArn = process.env.STATE_MACHINE_ARN;
  const clockArn = process.env.CLOCK_STATE_MACHINE_ARN;
  const arns = { ...(lifecycleArn ? { lifecycleArn } : {}), ...(clockArn ? { clockArn } : {}) };
  const runtime = workflowClient.createSfnRuntime({ sfn: new SFNClient({}), ...arns });
  return {
    associationId,
    crypto,
    cases,
    store,
    runtime,
    workflow: workflowClient.createWorkflowClient(runtime, store),
  };
}

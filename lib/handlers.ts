/**
 * The handler contract: the ONE list that drives every Lambda in the stack.
 *
 * Each entry says which folder holds the handler (`functions/<name>/handler.ts`), how it is reached
 * (HTTP routes on the public or staff API, or a task of the lifecycle state machine) and the exact
 * permissions it needs. lib/ knows these paths, never the handlers' code. To add a Lambda, add an
 * entry here; to change what a handler may touch, change its `permissions`.
 *
 * Environment each function receives (read these names in adapters, nowhere else):
 * - always: `ASSOCIATION_ID`, `TABLE_NAME`, `POWERTOOLS_SERVICE_NAME`, `NODE_OPTIONS=--enable-source-maps`
 * - `fields:encrypt` / `fields:decrypt`: `FIELD_KEY_ARN` (KMS key for the Encryption SDK keyring)
 * - `workflow:start` / `workflow:respond`: `STATE_MACHINE_ARN`
 * - `mail:send`: `MAIL_FROM_DOMAIN`, `SES_CONFIGURATION_SET`
 * - public routes: `ALLOWED_ORIGIN` (the one origin CORS allows: the report form's)
 * - `async: true`: nothing extra; failed async invocations land in the function's dead-letter queue
 */

/** What a handler may do; each maps to named actions on one named resource (see functions.ts). */
export type Permission =
  /** GetItem, Query, BatchGetItem, DescribeTable on the case table and its named indexes. */
  | 'table:read'
  /** PutItem, UpdateItem, DeleteItem, BatchWriteItem, ConditionCheckItem on the case table. */
  | 'table:write'
  /** kms:GenerateDataKey on the field key: encrypt sensitive fields with the Encryption SDK. */
  | 'fields:encrypt'
  /** kms:Decrypt on the field key: read sensitive fields back. */
  | 'fields:decrypt'
  /** states:StartExecution on the lifecycle state machine. */
  | 'workflow:start'
  /** states:SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat on the lifecycle (waitForTaskToken). */
  | 'workflow:respond'
  /** ses:SendEmail with the association's identity and configuration set. */
  | 'mail:send';

/** An HTTP route: `public` on the WAF-protected report API, `staff` on the Cognito-guarded staff API. */
export interface HttpRoute {
  readonly api: 'public' | 'staff';
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path, `{param}` for path parameters. */
  readonly path: string;
}

/** A task the lifecycle state machine invokes; `substitution` is the ASL placeholder for its ARN. */
export interface WorkflowTask {
  readonly substitution: string;
}

/** One Lambda handler. */
export interface HandlerSpec {
  /** Folder under functions/ and the last part of the function name (`Haven-<id>-<name>`). */
  readonly name: string;
  /** One line for the console and reviewers. */
  readonly description: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
  /** Routes it serves, or the workflow task it is. Exactly one of the two. */
  readonly routes?: readonly HttpRoute[];
  readonly workflowTask?: WorkflowTask;
  readonly permissions: readonly Permission[];
  /** Invoked asynchronously (event source, fire-and-forget): gets a DLQ and on-failure destination. */
  readonly async?: boolean;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

const entry = (name: string) => `functions/${name}/handler.ts`;

/** The handlers Haven deploys, one entry per Lambda. */
export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'intake',
    description: 'Accepts a report from the public form (JSON), stores it encrypted and starts the case lifecycle',
    entry: entry('intake'),
    routes: [{ api: 'public', method: 'POST', path: '/api/reports' }],
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'workflow:start'],
  },
  {
    name: 'report-form',
    description: 'Serves the no-JavaScript report form and accepts its POST',
    entry: entry('report-form'),
    routes: [
      { api: 'public', method: 'GET', path: '/report' },
      { api: 'public', method: 'POST', path: '/report' },
    ],
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'workflow:start'],
  },
  {
    name: 'cases',
    description: 'Staff case list, case view (audited read) and case commands',
    entry: entry('cases'),
    routes: [
      { api: 'staff', method: 'GET', path: '/api/cases' },
      { api: 'staff', method: 'GET', path: '/api/cases/{id}' },
      { api: 'staff', method: 'POST', path: '/api/cases/{id}/{command}' },
    ],
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'fields:decrypt', 'workflow:start', 'workflow:respond'],
  },
  {
    name: 'figures',
    description: 'Performance figures (KPIs) for managers and the board, from the indexes, no personal data',
    entry: entry('figures'),
    routes: [{ api: 'staff', method: 'GET', path: '/api/figures' }],
    permissions: ['table:read'],
  },
  {
    name: 'triage',
    description: 'Workflow: scores DASH, routes the case and plans its clocks',
    entry: entry('triage'),
    workflowTask: { substitution: 'TriageFunctionArn' },
    permissions: ['table:read', 'table:write', 'fields:decrypt', 'mail:send'],
  },
  {
    name: 'check-clock',
    description: 'Workflow: after a Wait, reads the case and says whether the clock is still due',
    entry: entry('check-clock'),
    workflowTask: { substitution: 'CheckClockFunctionArn' },
    permissions: ['table:read'],
  },
  {
    name: 'escalate',
    description: 'Workflow: records a breached clock and emails the escalation tier (ids and reference only)',
    entry: entry('escalate'),
    workflowTask: { substitution: 'EscalateFunctionArn' },
    permissions: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'close-case',
    description: 'Workflow: closes the case, books lessons learned and asks for feedback through the safe channel',
    entry: entry('close-case'),
    workflowTask: { substitution: 'CloseCaseFunctionArn' },
    permissions: ['table:read', 'table:write', 'fields:decrypt', 'mail:send'],
  },
  {
    name: 'record-fault',
    description: 'Workflow: records a failed step on the case timeline so staff see it',
    entry: entry('record-fault'),
    workflowTask: { substitution: 'RecordFaultFunctionArn' },
    permissions: ['table:write'],
  },
];

/** Checks the list is coherent (unique names, one trigger each, unique routes), naming the first problem. */
export function validateHandlers(handlers: readonly HandlerSpec[]): void {
  const names = new Set<string>();
  const routes = new Set<string>();
  const substitutions = new Set<string>();
  for (const h of handlers) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(h.name)) throw new Error(`handler "${h.name}": name must be lower-case words joined by hyphens`);
    if (names.has(h.name)) throw new Error(`handler "${h.name}" is listed twice`);
    names.add(h.name);
    const hasRoutes = (h.routes?.length ?? 0) > 0;
    if (hasRoutes === Boolean(h.workflowTask)) throw new Error(`handler "${h.name}" needs either routes or a workflowTask, not both or neither`);
    for (const r of h.routes ?? []) {
      const key = `${r.api} ${r.method} ${r.path}`;
      if (routes.has(key)) throw new Error(`handler "${h.name}": route ${key} is already served`);
      routes.add(key);
    }
    if (h.workflowTask) {
      if (substitutions.has(h.workflowTask.substitution)) throw new Error(`handler "${h.name}": substitution ${h.workflowTask.substitution} is used twice`);
      substitutions.add(h.workflowTask.substitution);
    }
  }
}

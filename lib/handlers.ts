/**
 * The handler contract: the ONE list that drives every Lambda in the stack.
 *
 * Each entry says which folder holds the handler (`functions/<name>/handler.ts`), how it is reached
 * (HTTP routes on the public or staff API, or a task of the lifecycle state machine) and the exact
 * permissions it needs. lib/ knows these paths, never the handlers' code. To add a Lambda, add an
 * entry here; to change what a handler may touch, change its `permissions`.
 *
 * Environment each function receives (names as functions/adapters/environment.ts reads them):
 * - always: `ASSOCIATION_ID`, `TABLE_NAME`, `KEY_ARN` (field key; an ARN is not a secret, and
 *   environment.ts builds the field crypto for every handler), `CONSOLE_URL`, `POWERTOOLS_SERVICE_NAME`,
 *   `NODE_OPTIONS=--enable-source-maps`
 * - `fields:encrypt` / `fields:decrypt`: `LINK_KEY_SECRET_ARN` (Secrets Manager secret holding the
 *   link-hash key, encrypted under the field key; the adapter reads it at cold start, never an env value)
 * - `workflow:*`: `STATE_MACHINE_ARN` (lifecycle); `clocks:*`: `CLOCK_STATE_MACHINE_ARN`
 * - `schedule`: nothing extra; an EventBridge rule invokes it (lib/lifecycle.ts), asynchronously
 * - `mail:send`: `MAIL_FROM`, `SES_CONFIGURATION_SET`
 * - `alarm:raise`: `ALARM_TOPIC_ARN` (the operations alarm topic, lib/alarms.ts)
 * - `staff:list`: `USER_POOL_ID` (the staff user pool, whose role groups are the staff directory)
 * - public routes: `ALLOWED_ORIGIN` (the one origin CORS allows: the report form's) and
 *   `ASSET_BASE_URL` (`/assets`: CloudFront serves the form's pages and the site's assets from one origin)
 * - `async: true`: nothing extra; failed async invocations land in the function's dead-letter queue
 */

/** What a handler may do; each maps to named actions on one named resource (see functions.ts). */
export type Permission =
  /** GetItem, Query, BatchGetItem, DescribeTable on the case table and its named indexes. */
  | 'table:read'
  /** PutItem, UpdateItem, DeleteItem, BatchWriteItem, ConditionCheckItem on the case table. */
  | 'table:write'
  /**
   * UpdateItem only on the case table (the table key used through DynamoDB as `table:read` allows): a
   * writer of counters and ledger entries that never puts, deletes or batch-writes items.
   */
  | 'table:update'
  /** kms:GenerateDataKey on the field key (encryption context = this association): seal sensitive fields. */
  | 'fields:encrypt'
  /** kms:Decrypt on the field key (encryption context = this association): open sealed fields. */
  | 'fields:decrypt'
  /** states:StartExecution on the lifecycle state machine. */
  | 'workflow:start'
  /** states:SendTaskSuccess/SendTaskFailure on the lifecycle (resumes its waitForTaskToken). */
  | 'workflow:respond'
  /** states:SendTaskSuccess on the lifecycle only: resumes a parked wait, never fails it. */
  | 'workflow:resume'
  /** states:DescribeExecution on executions of the lifecycle state machine (does the case's lifecycle run?). */
  | 'workflow:describe'
  /** states:StartExecution on the clock state machine. */
  | 'clocks:start'
  /** states:DescribeExecution on executions of the clock state machine (did a clock fail or park?). */
  | 'clocks:describe'
  /** states:StopExecution on executions of the clock state machine. */
  | 'clocks:stop'
  /** ses:SendEmail with the association's identity and configuration set. */
  | 'mail:send'
  /** sns:Publish on the operations alarm topic, and its key's data keys through SNS only. */
  | 'alarm:raise'
  /** cognito-idp:ListUsersInGroup on the association's staff user pool: the staff directory. */
  | 'staff:list';

/**
 * Where the public form lives: CloudFront sends every path that starts with it (`/report*`) to the form,
 * those not under `/report/` rewritten under it (web.ts), so each gets the form's own page, never JSON.
 */
export const FORM_PATH = '/report';

/** An HTTP route: `public` on the WAF-protected report API, `staff` on the Cognito-guarded staff API. */
export interface HttpRoute {
  readonly api: 'public' | 'staff';
  /** `ANY`: every method, the handler answering those it does not take (the form: its 404 page). */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  /**
   * API Gateway path, `{param}` for a path parameter (one segment), `{param+}` for a greedy one (the
   * rest of the path, one or more segments; last segment only).
   */
  readonly path: string;
}

/** A task a state machine invokes; `substitution` is the ASL placeholder (`${Name}`) for its ARN. */
interface WorkflowTask {
  readonly substitution: string;
}

/** A Lambda run on a schedule: an EventBridge rule invokes it every `everyMinutes` (lib/lifecycle.ts). */
interface Schedule {
  readonly everyMinutes: number;
}

/** One Lambda handler. */
export interface HandlerSpec {
  /** Folder under functions/ and the last part of the function name (`Haven-<id>-<name>`). */
  readonly name: string;
  /** One line for the console and reviewers. */
  readonly description: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
  /** Routes it serves, the workflow task it is, or the schedule it runs on. Exactly one of the three. */
  readonly routes?: readonly HttpRoute[];
  readonly workflowTask?: WorkflowTask;
  readonly schedule?: Schedule;
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
    description: 'Accepts a report from the public form (JSON), stores it sealed and starts the case lifecycle',
    entry: entry('intake'),
    routes: [{ api: 'public', method: 'POST', path: '/api/reports' }],
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'workflow:start'],
  },
  {
    name: 'report-form',
    description: 'Serves the no-JavaScript report form and accepts its POST',
    entry: entry('report-form'),
    routes: [
      // Every method and every path under the form (FORM_PATH): what the form does not have is its own 404
      // page (with Exit), never API Gateway's JSON.
      { api: 'public', method: 'ANY', path: FORM_PATH },
      { api: 'public', method: 'ANY', path: `${FORM_PATH}/{proxy+}` },
    ],
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'workflow:start'],
  },
  {
    name: 'cases',
    description:
      'Staff case list, case view (audited read), case commands and the staff directory; a change resumes the lifecycle',
    entry: entry('cases'),
    routes: [
      { api: 'staff', method: 'GET', path: '/api/cases' },
      { api: 'staff', method: 'GET', path: '/api/cases/{id}' },
      { api: 'staff', method: 'GET', path: '/api/alerts' },
      { api: 'staff', method: 'POST', path: '/api/cases/{id}/{command+}' },
      { api: 'staff', method: 'GET', path: '/api/staff' },
    ],
    permissions: [
      'table:read',
      'table:write',
      'fields:encrypt',
      'fields:decrypt',
      'workflow:start',
      'workflow:respond',
      'staff:list',
    ],
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
    description:
      'Lifecycle: routes the case, alerts on danger or high risk, starts new clocks and stops superseded ones',
    entry: entry('triage'),
    workflowTask: { substitution: 'TriageFunctionArn' },
    permissions: [
      'table:read',
      'table:write',
      'fields:encrypt',
      'fields:decrypt',
      'mail:send',
      'alarm:raise',
      'clocks:start',
      'clocks:stop',
    ],
  },
  {
    name: 'await-change',
    description: 'Lifecycle: parks the task token until the case changes, or resumes at once if it already has',
    entry: entry('await-change'),
    workflowTask: { substitution: 'AwaitChangeFunctionArn' },
    permissions: ['table:read', 'table:write', 'workflow:respond'],
  },
  {
    name: 'check-clock',
    description: 'Clock: after its Wait, reads the case and says whether the clock is still due',
    entry: entry('check-clock'),
    workflowTask: { substitution: 'CheckClockFunctionArn' },
    permissions: ['table:read', 'fields:decrypt'],
  },
  {
    name: 'escalate',
    description: 'Clock: records a breached clock and emails the escalation tier (ids and reference only)',
    entry: entry('escalate'),
    workflowTask: { substitution: 'EscalateFunctionArn' },
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'fields:decrypt', 'mail:send', 'alarm:raise'],
  },
  {
    name: 'close-case',
    description: 'Lifecycle: stops every clock, asks for feedback where allowed, books lessons learned',
    entry: entry('close-case'),
    workflowTask: { substitution: 'CloseCaseFunctionArn' },
    permissions: [
      'table:read',
      'table:write',
      'fields:encrypt',
      'fields:decrypt',
      'mail:send',
      'alarm:raise',
      'clocks:stop',
    ],
  },
  {
    name: 'record-fault',
    description: 'Lifecycle and clock: records a failed step on the case timeline, then raises the operations alarm',
    entry: entry('record-fault'),
    workflowTask: { substitution: 'RecordFaultFunctionArn' },
    permissions: ['table:read', 'table:write', 'fields:encrypt', 'fields:decrypt', 'alarm:raise'],
  },
  {
    name: 'sweep',
    description:
      'Every 15 minutes: starts the lifecycle of an open case that has none running, and again a clock that failed or was parked',
    entry: entry('sweep'),
    schedule: { everyMinutes: 15 },
    // The open index, case status and workflow records (no sealed field is read, so no field key); updates
    // of workflow records only (no put, delete or batch write); DescribeExecution on both machines;
    // StartExecution and SendTaskSuccess on the lifecycle only (a clock restarts through its Triage).
    permissions: [
      'table:read',
      'table:update',
      'workflow:start',
      'workflow:resume',
      'workflow:describe',
      'clocks:describe',
    ],
    async: true,
    timeoutSeconds: 300,
  },
];

/** Checks the list is coherent (unique names, one trigger each, unique routes), naming the first problem. */
export function validateHandlers(handlers: readonly HandlerSpec[]): void {
  const names = new Set<string>();
  const routes = new Set<string>();
  const substitutions = new Set<string>();
  for (const h of handlers) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(h.name))
      throw new Error(`handler "${h.name}": name must be lower-case words joined by hyphens`);
    if (names.has(h.name)) throw new Error(`handler "${h.name}" is listed twice`);
    names.add(h.name);
    const hasRoutes = (h.routes?.length ?? 0) > 0;
    if ([hasRoutes, Boolean(h.workflowTask), Boolean(h.schedule)].filter(Boolean).length !== 1)
      throw new Error(`handler "${h.name}" needs either routes, a workflowTask or a schedule: exactly one`);
    if (h.schedule && !(Number.isInteger(h.schedule.everyMinutes) && h.schedule.everyMinutes >= 1))
      throw new Error(`handler "${h.name}": its schedule must run every whole number of minutes (1 or more)`);
    for (const r of h.routes ?? []) {
      const key = `${r.api} ${r.method} ${r.path}`;
      const segments = r.path.split('/');
      if (segments.slice(0, -1).some((seg) => /\+\}$/.test(seg)))
        throw new Error(`handler "${h.name}": route ${key} has a greedy {param+} before its last segment`);
      if (routes.has(key)) throw new Error(`handler "${h.name}": route ${key} is already served`);
      routes.add(key);
    }
    if (h.workflowTask) {
      if (substitutions.has(h.workflowTask.substitution))
        throw new Error(`handler "${h.name}": substitution ${h.workflowTask.substitution} is used twice`);
      substitutions.add(h.workflowTask.substitution);
    }
  }
}

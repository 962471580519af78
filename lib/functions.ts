import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLE } from './bundling.js';
import type { HandlerSpec, Permission } from './handlers.js';
import { resourceName } from './naming.js';

/** What the functions may be granted: named resources only. */
export interface FunctionResources {
  readonly tableName: string;
  readonly tableArn: string;
  /** The table's named index ARNs (never `index/*`). */
  readonly indexArns: readonly string[];
  readonly tableKey: IKey;
  readonly fieldKey: IKey;
  /** Built from the state machine's fixed name so functions and the state machine do not depend on each other. */
  readonly stateMachineArn: string;
  readonly mailDomain: string;
  readonly mailIdentityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
}

export interface FunctionsProps {
  readonly associationId: string;
  readonly handlers: readonly HandlerSpec[];
  /** Repository root; entries resolve against it. */
  readonly projectRoot: string;
  /** Replaces a handler's entry (tests point at a fixture before the handlers exist). Default: `spec.entry`. */
  readonly entryFor?: (spec: HandlerSpec) => string;
  readonly resources: FunctionResources;
  /** The only origin public handlers answer CORS for. */
  readonly allowedOrigin: string;
  readonly logRetention?: RetentionDays;
}

/** One NodejsFunction per handler in the contract, each with its own role holding exactly its permissions. */
export class Functions extends Construct {
  readonly byName = new Map<string, NodejsFunction>();
  /** Dead-letter queues of async handlers, by handler name. */
  readonly deadLetterQueues = new Map<string, Queue>();
  readonly specs: readonly HandlerSpec[];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    this.specs = props.handlers;
    for (const spec of props.handlers) this.byName.set(spec.name, this.build(spec, props));
  }

  /** The function for a handler name, failing loudly on a name the contract does not list. */
  get(name: string): NodejsFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`no handler named "${name}" in lib/handlers.ts`);
    return fn;
  }

  /** Workflow tasks as ASL substitutions: `{ TriageFunctionArn: <arn>, ... }`. */
  workflowSubstitutions(): Record<string, string> {
    const subs: Record<string, string> = {};
    for (const spec of this.specs) if (spec.workflowTask) subs[spec.workflowTask.substitution] = this.get(spec.name).functionArn;
    return subs;
  }

  /** The functions the state machine invokes. */
  workflowFunctions(): IFunction[] {
    return this.specs.filter((s) => s.workflowTask).map((s) => this.get(s.name));
  }

  private build(spec: HandlerSpec, props: FunctionsProps): NodejsFunction {
    const { associationId, resources: r } = props;
    const functionName = resourceName(associationId, spec.name);
    const logGroup = new LogGroup(this, `${spec.name}-logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const role = new Role(this, `${spec.name}-role`, {
      roleName: `${functionName}-${Stack.of(this).region}`,
      description: `${functionName}: its log group, tracing and the permissions lib/handlers.ts lists`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);

    const perms = new Set<Permission>(spec.permissions);
    const env: Record<string, string> = {
      ASSOCIATION_ID: associationId,
      TABLE_NAME: r.tableName,
      POWERTOOLS_SERVICE_NAME: functionName,
      NODE_OPTIONS: '--enable-source-maps',
    };
    if (perms.has('fields:encrypt') || perms.has('fields:decrypt')) env.FIELD_KEY_ARN = r.fieldKey.keyArn;
    if (perms.has('workflow:start') || perms.has('workflow:respond')) env.STATE_MACHINE_ARN = r.stateMachineArn;
    if (perms.has('mail:send')) {
      env.MAIL_FROM_DOMAIN = r.mailDomain;
      env.SES_CONFIGURATION_SET = r.configurationSetName;
    }
    if (spec.routes?.some((route) => route.api === 'public')) env.ALLOWED_ORIGIN = props.allowedOrigin;

    let onFailure: SqsDestination | undefined;
    if (spec.async) {
      const dlq = new Queue(this, `${spec.name}-dlq`, {
        queueName: `${functionName}-dlq`,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the on-failure destination of ${functionName}; a dead-letter queue of a dead-letter queue has nowhere useful to go, and its depth is alarmed instead.`,
      });
      this.deadLetterQueues.set(spec.name, dlq);
      onFailure = new SqsDestination(dlq);
    }

    const fn = new NodejsFunction(this, spec.name, {
      functionName,
      description: spec.description,
      entry: join(props.projectRoot, props.entryFor ? props.entryFor(spec) : spec.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? (spec.workflowTask ? 30 : 10)),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      environment: env,
      onFailure,
      retryAttempts: spec.async ? 2 : undefined,
      bundling: {
        format: OutputFormat.ESM,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourceMap,
        sourcesContent: BUNDLE.sourcesContent,
        target: BUNDLE.target,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        externalModules: [...BUNDLE.externalModules],
        metafile: true,
      },
    });
    for (const statement of statementsFor(perms, r)) role.addToPolicy(statement);

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) do not support resource-level permissions; no other action in this role has a wildcard resource.',
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x, the runtime the project targets (ARCHITECTURE.md); nodejs24.x is adopted deliberately after the handlers, middy 6 and Powertools 2.35 are tested on it, not by the latest-runtime rule.',
    });
    return fn;
  }
}

/** The IAM statements for a permission set: named actions on named resources, nothing else. */
export function statementsFor(perms: ReadonlySet<Permission>, r: FunctionResources): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const allow = (actions: string[], resources: string[], conditions?: Record<string, Record<string, string>>) =>
    out.push(new PolicyStatement({ effect: Effect.ALLOW, actions, resources, conditions }));
  const viaDynamo = { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(r.tableKey).region}.amazonaws.com` } };

  if (perms.has('table:read')) {
    allow(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], [r.tableArn, ...r.indexArns]);
  }
  if (perms.has('table:write')) {
    allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'], [r.tableArn]);
  }
  const tableKeyActions = new Set<string>();
  if (perms.has('table:read')) ['kms:Decrypt', 'kms:DescribeKey'].forEach((a) => tableKeyActions.add(a));
  if (perms.has('table:write')) ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'].forEach((a) => tableKeyActions.add(a));
  if (tableKeyActions.size) allow([...tableKeyActions].sort(), [r.tableKey.keyArn], viaDynamo);

  const fieldKeyActions: string[] = [];
  if (perms.has('fields:encrypt')) fieldKeyActions.push('kms:GenerateDataKey');
  if (perms.has('fields:decrypt')) fieldKeyActions.push('kms:Decrypt');
  if (fieldKeyActions.length) allow(fieldKeyActions, [r.fieldKey.keyArn]);

  if (perms.has('workflow:start')) allow(['states:StartExecution'], [r.stateMachineArn]);
  if (perms.has('workflow:respond')) allow(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], [r.stateMachineArn]);
  if (perms.has('mail:send')) allow(['ses:SendEmail'], [r.mailIdentityArn, r.configurationSetArn]);
  return out;
}

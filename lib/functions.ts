import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AssociationConfig } from '../functions/core/association.js';
import { aliasArgs, associationDefine, BUNDLE } from './bundling.js';
import type { HandlerSpec, Permission } from './handlers.js';
import { resourceName } from './naming.js';

/** Where the report form's pages load govuk-frontend's and Haven's assets: the site's own `/assets` (lib/web-content.ts). */
export const PUBLIC_ASSET_BASE = '/assets';

/** What the functions may be granted: named resources only. */
interface FunctionResources {
  readonly tableName: string;
  readonly tableArn: string;
  /** The table's named index ARNs (never `index/*`). */
  readonly indexArns: readonly string[];
  readonly tableKey: IKey;
  readonly fieldKey: IKey;
  /** Secrets Manager secret with the link-hash key, encrypted under the field key. */
  readonly linkKeySecretArn: string;
  /** Built from the state machines' fixed names so functions and state machines do not depend on each other. */
  readonly stateMachineArn: string;
  readonly clockStateMachineArn: string;
  /** `arn:…:execution:<clock machine name>:*`: StopExecution takes an execution ARN. */
  readonly clockExecutionsArn: string;
  /** `arn:…:execution:<lifecycle machine name>:*`: DescribeExecution takes an execution ARN. */
  readonly lifecycleExecutionsArn: string;
  readonly mailFrom: string;
  readonly consoleUrl: string;
  readonly mailIdentityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  /** The operations alarm topic (lib/alarms.ts) and the key it is encrypted with. */
  readonly alarmTopicArn: string;
  readonly alarmTopicKey: IKey;
  /** The association's staff user pool: its role groups are the staff directory (`staff:list`). */
  readonly userPoolId: string;
  readonly userPoolArn: string;
}

export interface FunctionsProps {
  readonly associationId: string;
  /**
   * The association's validated config, built into each bundle (lib/bundling.ts `associationDefine`): a
   * Lambda carries its own association's, never config/index.ts with all of them. HavenStack always
   * gives it; a test of the stack's shape alone may leave it out (its fixture handler reads none).
   */
  readonly association?: AssociationConfig;
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
    for (const spec of this.specs)
      if (spec.workflowTask) subs[spec.workflowTask.substitution] = this.get(spec.name).functionArn;
    return subs;
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
      KEY_ARN: r.fieldKey.keyArn,
      CONSOLE_URL: r.consoleUrl,
      POWERTOOLS_SERVICE_NAME: functionName,
      NODE_OPTIONS: '--enable-source-maps',
    };
    if (perms.has('fields:encrypt') || perms.has('fields:decrypt')) env.LINK_KEY_SECRET_ARN = r.linkKeySecretArn;
    if (
      (['workflow:start', 'workflow:respond', 'workflow:resume', 'workflow:describe'] as const).some((p) =>
        perms.has(p),
      )
    )
      env.STATE_MACHINE_ARN = r.stateMachineArn;
    if (perms.has('clocks:start') || perms.has('clocks:stop') || perms.has('clocks:describe'))
      env.CLOCK_STATE_MACHINE_ARN = r.clockStateMachineArn;
    if (perms.has('mail:send')) {
      env.MAIL_FROM = r.mailFrom;
      env.SES_CONFIGURATION_SET = r.configurationSetName;
    }
    if (perms.has('alarm:raise')) env.ALARM_TOPIC_ARN = r.alarmTopicArn;
    if (perms.has('staff:list')) env.USER_POOL_ID = r.userPoolId;
    if (spec.routes?.some((route) => route.api === 'public')) {
      env.ALLOWED_ORIGIN = props.allowedOrigin;
      // CloudFront serves the form's pages and their assets from one origin: root-relative asset URLs.
      env.ASSET_BASE_URL = PUBLIC_ASSET_BASE;
    }

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

    const relativeEntry = props.entryFor ? props.entryFor(spec) : spec.entry;
    const entryPath = join(props.projectRoot, relativeEntry);
    if (!existsSync(entryPath)) {
      throw new Error(`handler "${spec.name}": ${relativeEntry} does not exist yet (listed in lib/handlers.ts)`);
    }
    const fn = new NodejsFunction(this, spec.name, {
      functionName,
      description: spec.description,
      entry: entryPath,
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
        // The bundle-only stand-ins (credentials from the environment, the Encryption SDK's parts, no asn1.js).
        esbuildArgs: aliasArgs(),
        ...(props.association ? { define: associationDefine(props.association) } : {}),
        // No metafile: it would be zipped into the function and it records the cloud assembly's folder,
        // so the same code would hash differently per synth folder. scripts/bundle-sizes.ts makes its own.
      },
    });
    for (const statement of statementsFor(perms, r, associationId)) role.addToPolicy(statement);
    if (perms.has('clocks:stop') || perms.has('clocks:describe')) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${Stack.of(this).region}:<AWS::AccountId>:execution:${resourceName(associationId, 'clock')}:*]`,
        reason:
          "states:StopExecution and DescribeExecution take an execution ARN, and clock executions are named per case and clock at run time; the wildcard is limited to executions of this association's clock state machine.",
      });
    }
    if (perms.has('workflow:describe')) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${Stack.of(this).region}:<AWS::AccountId>:execution:${resourceName(associationId, 'lifecycle')}:*]`,
        reason:
          "states:DescribeExecution takes an execution ARN, and lifecycle executions are named per case (and continuation) at run time; the wildcard is limited to executions of this association's lifecycle state machine.",
      });
    }

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) do not support resource-level permissions; no other action in this role has a wildcard resource.',
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, the runtime the project targets (ARCHITECTURE.md); nodejs24.x is adopted deliberately after the handlers, middy 6 and Powertools 2.35 are tested on it, not by the latest-runtime rule.',
    });
    return fn;
  }
}

/** The IAM statements for a permission set: named actions on named resources, nothing else. */
function statementsFor(perms: ReadonlySet<Permission>, r: FunctionResources, associationId: string): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const allow = (actions: string[], resources: string[], conditions?: Record<string, Record<string, string>>) =>
    out.push(new PolicyStatement({ effect: Effect.ALLOW, actions, resources, conditions }));
  const region = Stack.of(r.tableKey).region;
  const via = (service: string) => ({ StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } });

  if (perms.has('table:read')) {
    allow(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], [r.tableArn, ...r.indexArns]);
  }
  if (perms.has('table:update') && !perms.has('table:write')) allow(['dynamodb:UpdateItem'], [r.tableArn]);
  if (perms.has('table:write')) {
    allow(
      ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
      [r.tableArn],
    );
  }
  // The table key is used by DynamoDB on the caller's behalf only (kms:ViaService), never directly.
  const tableKeyActions = new Set<string>();
  if (perms.has('table:read') || perms.has('table:update'))
    for (const a of ['kms:Decrypt', 'kms:DescribeKey']) tableKeyActions.add(a);
  if (perms.has('table:write'))
    for (const a of ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']) tableKeyActions.add(a);
  if (tableKeyActions.size) allow([...tableKeyActions].sort(), [r.tableKey.keyArn], via('dynamodb'));

  // Envelopes are bound to the association in their encryption context (field-crypto.ts): a role
  // can open only this association's envelopes even if the key were shared.
  const fieldKeyActions: string[] = [];
  if (perms.has('fields:encrypt')) fieldKeyActions.push('kms:GenerateDataKey');
  if (perms.has('fields:decrypt')) fieldKeyActions.push('kms:Decrypt');
  if (fieldKeyActions.length) {
    allow(fieldKeyActions, [r.fieldKey.keyArn], {
      StringEquals: { 'kms:EncryptionContext:haven:association': associationId },
    });
    allow(['secretsmanager:GetSecretValue'], [r.linkKeySecretArn]);
    allow(['kms:Decrypt'], [r.fieldKey.keyArn], via('secretsmanager'));
  }

  if (perms.has('workflow:start')) allow(['states:StartExecution'], [r.stateMachineArn]);
  if (perms.has('workflow:respond')) allow(['states:SendTaskSuccess', 'states:SendTaskFailure'], [r.stateMachineArn]);
  if (perms.has('workflow:resume') && !perms.has('workflow:respond'))
    allow(['states:SendTaskSuccess'], [r.stateMachineArn]);
  if (perms.has('clocks:start')) allow(['states:StartExecution'], [r.clockStateMachineArn]);
  if (perms.has('clocks:stop')) allow(['states:StopExecution'], [r.clockExecutionsArn]);
  if (perms.has('workflow:describe')) allow(['states:DescribeExecution'], [r.lifecycleExecutionsArn]);
  if (perms.has('clocks:describe')) allow(['states:DescribeExecution'], [r.clockExecutionsArn]);
  if (perms.has('mail:send')) allow(['ses:SendEmail'], [r.mailIdentityArn, r.configurationSetArn]);
  if (perms.has('alarm:raise')) {
    // Publishing to an encrypted topic: SNS asks for a data key on the caller's behalf (kms:ViaService).
    allow(['sns:Publish'], [r.alarmTopicArn]);
    allow(['kms:Decrypt', 'kms:GenerateDataKey'], [r.alarmTopicKey.keyArn], via('sns'));
  }
  // Reading the directory only: no other user pool action, and no other pool.
  if (perms.has('staff:list')) allow(['cognito-idp:ListUsersInGroup'], [r.userPoolArn]);
  return out;
}

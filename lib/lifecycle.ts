import { readFileSync } from 'node:fs';
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { HandlerSpec } from './handlers.js';
import { resourceName } from './naming.js';

/** Haven's state machines: the case lifecycle and the per-clock machine it starts. */
export const MACHINES = {
  lifecycle: { part: 'lifecycle', file: 'case-lifecycle.asl.json' },
  clock: { part: 'clock', file: 'case-clock.asl.json' },
} as const;
export type MachineKey = keyof typeof MACHINES;

/** A state machine's fixed name, from which its ARN is built without a reference (no dependency cycle). */
function machineName(associationId: string, machine: MachineKey): string {
  return resourceName(associationId, MACHINES[machine].part);
}

/** A state machine's ARN, or (with `execution`) the ARN pattern of its executions. */
export function machineArn(scope: Construct, associationId: string, machine: MachineKey, execution?: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: execution === undefined ? 'stateMachine' : 'execution',
    resourceName:
      execution === undefined
        ? machineName(associationId, machine)
        : `${machineName(associationId, machine)}:${execution}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** The `${Name}` placeholders an ASL text uses. */
function placeholdersIn(asl: string): Set<string> {
  // Each match is the whole `${Name}`: the name is what lies between `${` and `}`.
  return new Set([...asl.matchAll(/\$\{[A-Za-z0-9_]+\}/g)].map((m) => m[0].slice(2, -1)));
}

export interface WorkflowMachineProps {
  readonly associationId: string;
  readonly machine: MachineKey;
  /** Absolute path of the ASL file. */
  readonly aslPath: string;
  /** Available substitutions (placeholder → value); the ASL must use only these. */
  readonly substitutions: Readonly<Record<string, string>>;
  /** Placeholder → function ARN for the task functions; the role may invoke exactly those the ASL uses. */
  readonly taskFunctionArns: Readonly<Record<string, string>>;
  readonly logRetention?: RetentionDays;
}

/**
 * One Standard state machine from an ASL file in statemachines/, so the same definition runs locally,
 * in workflow tests and here. Logs at ALL without execution data (inputs are ids, but history is
 * readable by anyone with GetExecutionHistory), log group under /aws/vendedlogs/states/, tracing on.
 */
export class WorkflowMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowMachineProps) {
    super(scope, id);
    const name = machineName(props.associationId, props.machine);
    const asl = readFileSync(props.aslPath, 'utf8');
    const used = placeholdersIn(asl);
    const substitutions: Record<string, string> = {};
    const missing: string[] = [];
    for (const p of used) {
      const value = props.substitutions[p];
      if (value === undefined) missing.push(p);
      else substitutions[p] = value;
    }
    if (missing.length)
      throw new Error(`${props.aslPath} uses \${${missing.join('}, ${')}} which lib/handlers.ts does not provide`);

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const role = new Role(this, 'Role', {
      roleName: `${name}-${Stack.of(this).region}`,
      description: `${name}: invoke its task functions, deliver logs and traces`,
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
    });
    // Only the placeholders that name a task function; the rest are plain substitutions.
    const invokes = [...used].map((p) => props.taskFunctionArns[p]).filter((arn) => arn !== undefined);
    if (invokes.length) {
      role.addToPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: invokes }),
      );
    }
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: substitutions,
      role,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions log delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray (PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) do not support resource-level permissions; lambda:InvokeFunction is granted on the named task functions only.',
    });
  }
}

export interface ScheduledHandlersProps {
  readonly associationId: string;
  readonly handlers: readonly HandlerSpec[];
  readonly functionFor: (name: string) => IFunction;
}

/**
 * One EventBridge rule per handler with a `schedule` in lib/handlers.ts (the sweep, which starts what
 * should run and does not: functions/sweep). The rule invokes the function asynchronously: a failed run
 * is retried by Lambda and then kept in the function's dead-letter queue, both alarmed (lib/alarms.ts).
 */
export class ScheduledHandlers extends Construct {
  readonly rules = new Map<string, Rule>();

  constructor(scope: Construct, id: string, props: ScheduledHandlersProps) {
    super(scope, id);
    for (const spec of props.handlers) {
      if (!spec.schedule) continue;
      const rule = new Rule(this, spec.name, {
        ruleName: resourceName(props.associationId, `${spec.name}-schedule`),
        description: `${resourceName(props.associationId, spec.name)} every ${spec.schedule.everyMinutes} minutes`,
        schedule: Schedule.rate(Duration.minutes(spec.schedule.everyMinutes)),
      });
      // A run missed for an hour is stale: the next one, minutes away, does the same work.
      rule.addTarget(
        new LambdaFunction(props.functionFor(spec.name), { retryAttempts: 2, maxEventAge: Duration.hours(1) }),
      );
      this.rules.set(spec.name, rule);
    }
  }
}

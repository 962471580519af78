import { readFileSync } from 'node:fs';
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { resourceName } from './naming.js';

export interface LifecycleProps {
  readonly associationId: string;
  /** Absolute path of the ASL file (statemachines/case-lifecycle.asl.json). */
  readonly aslPath: string;
  /** Task functions, invoked by ARN; the role may invoke exactly these. */
  readonly taskFunctions: readonly IFunction[];
  /** `${Name}` placeholders in the ASL: task function ARNs and anything else the ASL needs. */
  readonly substitutions: Record<string, string>;
  readonly logRetention?: RetentionDays;
}

/** The state machine's fixed name, from which its ARN is built without a reference (no dependency cycle). */
export function lifecycleName(associationId: string): string {
  return resourceName(associationId, 'lifecycle');
}

/** The lifecycle state machine's ARN, built from its name in the given stack. */
export function lifecycleArn(scope: Construct, associationId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: lifecycleName(associationId),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * The case lifecycle: one Standard execution per case, ASL from the repository file so the same
 * definition runs locally and in tests. Logs carry no execution data (ids only go in, but the
 * history is still not the place for case content).
 */
export class Lifecycle extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LifecycleProps) {
    super(scope, id);
    const name = lifecycleName(props.associationId);
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const role = new Role(this, 'Role', {
      roleName: `${name}-${Stack.of(this).region}`,
      description: `${name}: invoke its task functions, deliver logs and traces`,
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
    });
    if (props.taskFunctions.length) {
      role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['lambda:InvokeFunction'],
          resources: props.taskFunctions.map((f) => f.functionArn),
        }),
      );
    }
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(props.aslPath, 'utf8')),
      definitionSubstitutions: props.substitutions,
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

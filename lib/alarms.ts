import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { lowerName, resourceName } from './naming.js';

export interface AlarmsProps {
  readonly associationId: string;
  /** Operations mailbox subscribed to the topic (from the association's escalation mailboxes). */
  readonly operationsEmail?: string;
}

/** What the alarms watch (built after the functions, which publish to the topic themselves). */
export interface WatchedProps {
  /** Label → state machine (lifecycle, clock). */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  readonly sesMetric: (name: 'Bounce' | 'Reject') => Metric;
}

/**
 * One encrypted operations topic, with the operations mailbox subscribed by email: the lifecycle
 * functions publish their own alarms to it (faults, emails that may not have gone: functions/adapters/
 * alarm.ts, docs/delivery.md), which never pass through SES. Then (`watch`) CloudWatch alarms for
 * everything that means a case may silently stop moving: failed or timed-out lifecycle executions,
 * Lambda errors and throttles, messages in a dead-letter queue, and mail that bounced or was rejected
 * (an escalation nobody received), all to the same topic.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  /** The topic's key: a function that publishes needs its data keys (through SNS). */
  readonly key: IKey;
  readonly alarms: Alarm[] = [];
  private readonly associationId: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.associationId = props.associationId;
    const key = new Key(this, 'TopicKey', {
      alias: `alias/${lowerName(props.associationId, 'operations')}`,
      description: `${resourceName(props.associationId)}: encrypts the operations alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to an encrypted topic only if the key lets CloudWatch use it.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.key = key;
    this.topic = new Topic(this, 'Topic', {
      topicName: resourceName(props.associationId, 'operations'),
      displayName: `Haven ${props.associationId} operations`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.operationsEmail) this.topic.addSubscription(new EmailSubscription(props.operationsEmail));
  }

  /** Adds the CloudWatch alarms on what the stack runs. */
  watch(props: WatchedProps): void {
    const fiveMinutes = { period: Duration.minutes(5) };
    for (const [label, sm] of props.stateMachines) {
      this.add(
        `${label}-failed`,
        `A ${label} execution failed: a case or clock may have stopped`,
        sm.metricFailed(fiveMinutes),
      );
      this.add(`${label}-timed-out`, `A ${label} execution timed out`, sm.metricTimedOut(fiveMinutes));
      this.add(`${label}-throttled`, `Step Functions throttled a ${label} execution`, sm.metricThrottled(fiveMinutes));
    }
    for (const [name, fn] of props.functions) {
      this.add(`${name}-errors`, `${name} Lambda errors`, fn.metricErrors({ period: Duration.minutes(5) }));
      this.add(`${name}-throttles`, `${name} Lambda throttles`, fn.metricThrottles({ period: Duration.minutes(5) }));
    }
    for (const [name, q] of props.deadLetterQueues) {
      this.add(
        `${name}-dlq-depth`,
        `${name} has failed async invocations waiting in its dead-letter queue`,
        q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
    }
    this.add(
      'mail-bounces',
      'SES bounced a Haven email (an escalation or notice may not have arrived)',
      props.sesMetric('Bounce').with({ period: Duration.minutes(15) }),
    );
    this.add(
      'mail-rejects',
      'SES rejected a Haven email',
      props.sesMetric('Reject').with({ period: Duration.minutes(15) }),
    );
  }

  private add(name: string, description: string, metric: IMetric): Alarm {
    const alarm = new Alarm(this, name, {
      alarmName: resourceName(this.associationId, name),
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

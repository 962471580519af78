/**
 * The sweep in AWS: an EventBridge rule invokes the sweep Lambda every 15 minutes, and its role may do
 * exactly what the sweep needs: read the open index, case status and workflow records, update workflow records,
 * describe executions of both machines, start and resume the lifecycle. No field key, no mail, no clock
 * start or stop (a clock restarts through its lifecycle's Triage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../lib/handlers.js';
import type { HavenStack } from '../../lib/haven-stack.js';
import { defined } from '../support/defined.js';
import { buildHavenStack, nagAudit, type TemplateValue } from './build.js';

type Resource = { Type: string; Properties: Record<string, TemplateValue> };
type Statement = { Action: string | string[]; Resource: unknown };

let stack: HavenStack;
let clean: () => void;
let resources: Record<string, Resource>;

beforeAll(async () => {
  ({ stack, clean } = await buildHavenStack('wrekin'));
  const { Template } = await import('aws-cdk-lib/assertions');
  resources = Template.fromStack(stack).toJSON().Resources;
});
afterAll(() => clean?.());

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const asArray = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const sweepFn = () => stack.functions.get('sweep');
const sweepStatements = (): Statement[] => {
  const roleId = idOf(defined(sweepFn().role, 'the sweep role'));
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
};
const onResource = (s: Statement) => JSON.stringify(s.Resource);

describe('the sweep runs on a schedule in AWS', () => {
  it('an EventBridge rule invokes the sweep Lambda every 15 minutes, as lib/handlers.ts says', () => {
    // Prepare
    const spec = defined(
      HANDLERS.find((h) => h.name === 'sweep'),
      'the sweep entry',
    );

    // Act
    const rules = ofType('AWS::Events::Rule');

    // Assess
    expect(spec.schedule).toEqual({ everyMinutes: 15 });
    expect(rules).toHaveLength(1);
    const [[, rule]] = rules as [[string, Resource]];
    expect(rule.Properties.Name).toBe('Haven-wrekin-sweep-schedule');
    expect(rule.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [idOf(sweepFn()), 'Arn'] },
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
      }),
    ]);
    const permissions = ofType('AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'events.amazonaws.com',
    );
    expect(permissions.map(([, p]) => p.Properties.FunctionName)).toEqual([{ 'Fn::GetAtt': [idOf(sweepFn()), 'Arn'] }]);
  });

  it('the sweep may describe executions of both machines and start and resume the lifecycle; nothing more of Step Functions', () => {
    // Act
    const states = sweepStatements().filter((s) => asArray(s.Action).some((a) => a.startsWith('states:')));
    // CDK merges statements of one action: each resource, as its template text.
    const byAction = (action: string) =>
      states
        .filter((s) => asArray(s.Action).includes(action))
        .flatMap((s) => asArray(s.Resource))
        .map((r) => JSON.stringify(r));

    // Assess
    expect(byAction('states:DescribeExecution')).toEqual(
      expect.arrayContaining([
        expect.stringContaining(':execution:Haven-wrekin-clock:*'),
        expect.stringContaining(':execution:Haven-wrekin-lifecycle:*'),
      ]),
    );
    expect(byAction('states:DescribeExecution')).toHaveLength(2);
    expect(byAction('states:StartExecution')).toEqual([
      expect.stringContaining(':stateMachine:Haven-wrekin-lifecycle'),
    ]);
    expect(byAction('states:SendTaskSuccess')).toEqual([
      expect.stringContaining(':stateMachine:Haven-wrekin-lifecycle'),
    ]);
    expect(byAction('states:StopExecution')).toEqual([]);
    expect(byAction('states:SendTaskFailure')).toEqual([]);
  });

  it('the sweep may only update items of the case table (no put, delete or batch write) and never encrypts with the table key', () => {
    // Act
    const actions = sweepStatements().flatMap((s) => asArray(s.Action));

    // Assess
    expect(
      actions.filter((a) => a.startsWith('dynamodb:') && !/^dynamodb:(GetItem|BatchGetItem|Query)$/.test(a)),
    ).toEqual(['dynamodb:UpdateItem']);
    expect(actions.filter((a) => /^kms:(Encrypt|GenerateDataKey|ReEncrypt)/.test(a))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['kms:Decrypt']));
  });

  it('the sweep reads no sealed field and sends no mail; it is told both machines and retried on failure', () => {
    // Act
    const actions = sweepStatements().flatMap((s) => asArray(s.Action));
    const fn = defined(resources[idOf(sweepFn())], 'the sweep function');
    const fieldKey = idOf(stack.store.fieldKey);

    // Assess
    expect(actions.filter((a) => /^(ses|secretsmanager|cognito-idp):/.test(a))).toEqual([]);
    expect(sweepStatements().some((s) => onResource(s).includes(`"${fieldKey}"`))).toBe(false);
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['STATE_MACHINE_ARN', 'CLOCK_STATE_MACHINE_ARN', 'TABLE_NAME']),
    );
    expect(fn.Properties.Environment.Variables.MAIL_FROM).toBeUndefined();
    expect(fn.Properties.Timeout).toBe(300);
    expect(stack.functions.deadLetterQueues.has('sweep')).toBe(true);
  });

  it('cdk-nag (AwsSolutions) finds nothing unacknowledged in the sweep and its schedule', () => {
    // Act
    const { unacknowledged } = nagAudit(stack);

    // Assess
    expect(unacknowledged.filter((f) => /sweep|Schedules/i.test(f))).toEqual([]);
  });
});

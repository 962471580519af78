/**
 * Faults and emails that may not have gone are raised on the operations alarm topic, not through SES
 * (docs/delivery.md): the functions that send mail or record faults (`alarm:raise` in lib/handlers.ts)
 * are told the topic's ARN, may publish to that topic only, and may use its key only through SNS; no
 * other function may publish. The topic is encrypted and the operations mailbox subscribes by email.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../lib/handlers.js';
import type { HavenStack } from '../../lib/haven-stack.js';
import { buildHavenStack, type TemplateValue } from './build.js';

let stack: HavenStack;
let template: Template;
let clean: () => void;
let resources: Record<string, { Type: string; Properties: Record<string, TemplateValue> }>;

beforeAll(async () => {
  ({ stack, clean } = await buildHavenStack('wrekin'));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 60_000);
afterAll(() => clean?.());

const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const raising = HANDLERS.filter((h) => h.permissions.includes('alarm:raise')).map((h) => h.name);

/** The IAM statements attached to a function's role. */
function statementsOf(name: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const roleId = idOf(stack.functions.get(name).role as never);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}
const actions = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the operations alarm topic', () => {
  it('the lifecycle steps that mail or record faults may raise alarms: triage, escalate, close-case, record-fault', () => {
    // Act
    const names = [...raising].sort();

    // Assess
    expect(names).toEqual(['close-case', 'escalate', 'record-fault', 'triage']);
    expect(HANDLERS.find((h) => h.name === 'record-fault')?.permissions).not.toContain('mail:send');
  });

  it('each of them is told the topic ARN, may publish to that topic only, and may use its key only through SNS', () => {
    // Prepare
    const topicId = idOf(stack.alarms.topic);
    const keyId = idOf(stack.alarms.key as never);

    for (const name of raising) {
      // Act
      const fn = resources[idOf(stack.functions.get(name))];
      const mine = statementsOf(name);
      const publish = mine.filter((s) => actions(s).includes('sns:Publish'));
      const key = mine.filter((s) => JSON.stringify(s.Resource).includes(`"${keyId}"`));

      // Assess
      expect(fn?.Properties.Environment.Variables.ALARM_TOPIC_ARN, name).toEqual({ Ref: topicId });
      expect(publish, name).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: topicId } })]);
      expect(key, name).toEqual([
        expect.objectContaining({
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
          Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-2.amazonaws.com' } },
        }),
      ]);
    }
  });

  it('no other function may publish or is told the topic', () => {
    for (const h of HANDLERS.filter((x) => !raising.includes(x.name))) {
      // Act
      const fn = resources[idOf(stack.functions.get(h.name))];
      const publishes = statementsOf(h.name).some((s) => actions(s).some((a) => a.startsWith('sns:')));

      // Assess
      expect(fn?.Properties.Environment.Variables.ALARM_TOPIC_ARN, h.name).toBeUndefined();
      expect(publishes, h.name).toBe(false);
    }
  });

  it('the topic is encrypted with its own rotating key, and the operations mailbox subscribes by email', () => {
    // Act
    const keyId = idOf(stack.alarms.key as never);

    // Assess
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'Haven-wrekin-operations',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', Match.objectLike({ EnableKeyRotation: true }));
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      TopicArn: { Ref: idOf(stack.alarms.topic) },
      Endpoint: Match.stringLikeRegexp('@'),
    });
  });
});

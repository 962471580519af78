import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX } from '../../functions/contract/table-layout.js';
import { HANDLERS } from '../../lib/handlers.js';
import type { HavenStack } from '../../lib/haven-stack.js';
import { STAFF_GROUPS } from '../../lib/staff-auth.js';
import { defined } from '../support/defined.js';
import { buildHavenStack, nagAudit, ROOT, type TemplateValue } from './build.js';

type Resource = {
  Type: string;
  Properties: Record<string, TemplateValue>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

let stack: HavenStack;
let template: Template;
let clean: () => void;
let resources: Record<string, Resource>;

const resource = (id: string) => defined(resources[id], `resource ${id}`);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);
const mentions = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`);
const asArray = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
/** The logical id of the function behind the web content's custom resources. */
const deploymentFunctionId = () => {
  const ids = new Set(
    ofType('Custom::CDKBucketDeployment').map(([, r]) => r.Properties.ServiceToken['Fn::GetAtt'][0] as string),
  );
  expect(ids.size).toBe(1);
  return defined([...ids][0], 'the deployment function');
};

beforeAll(async () => {
  ({ stack, clean } = await buildHavenStack('wrekin'));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});
afterAll(() => clean?.());

describe('stack identity', () => {
  it('is named Haven-<id> in eu-west-2', () => {
    // Prepare: the wrekin stack, synthesised once (beforeAll).
    // Act
    const { stackName, region } = stack;

    // Assess
    expect(stackName).toBe('Haven-wrekin');
    expect(region).toBe('eu-west-2');
  });

  it('every resource name it sets carries the association id', () => {
    // Prepare
    const nameProps = [
      'TableName',
      'FunctionName',
      'StateMachineName',
      'UserPoolName',
      'TopicName',
      'AlarmName',
      'RoleName',
      'LogGroupName',
      'Name',
      'AliasName',
      'ConfigurationSetName',
    ];

    // Act
    const names = Object.values(resources).flatMap((r) =>
      nameProps.map((p) => r.Properties?.[p]).filter((v): v is string => typeof v === 'string'),
    );

    // Assess
    expect(names.length).toBeGreaterThan(40);
    for (const n of names) expect(n.toLowerCase()).toContain('wrekin');
  });
});

describe('case store', () => {
  it('encrypts the table with its customer-managed key, PITR, deletion protection, retained', () => {
    // Prepare
    const keyId = logicalIdOf(stack.store.tableKey);

    // Act
    const [[, table]] = ofType('AWS::DynamoDB::GlobalTable') as [[string, Resource]];
    const replica = table.Properties.Replicas[0];

    // Assess
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(replica.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it("has the repository's keys and indexes (functions/contract/table-layout.ts tableDefinition)", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [[, table]] = ofType('AWS::DynamoDB::GlobalTable') as [[string, Resource]];
    const indexNames = table.Properties.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName).sort();

    // Assess
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(indexNames).toEqual(Object.values(INDEX).sort());
  });

  it('both keys rotate and are retained', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const keys = [stack.store.tableKey, stack.store.fieldKey].map((key) => resource(logicalIdOf(key)));

    // Assess
    for (const r of keys) {
      expect(r.Properties.EnableKeyRotation).toBe(true);
      expect(r.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('least privilege', () => {
  const statements = () =>
    ofType('AWS::IAM::Policy').flatMap(([id, r]) =>
      (r.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((s) => ({
        policy: id,
        ...s,
      })),
    );
  const actionsOfRole = (name: string) => {
    const roleId = stack.getLogicalId(
      defined(stack.functions.get(name).role, `the role of ${name}`).node.defaultChild as never,
    );
    return statements().filter((s) => mentions(resource(s.policy).Properties.Roles, roleId));
  };

  it('no IAM statement on the table or either key has a * in an action or a resource', () => {
    // Prepare
    const guarded = [
      logicalIdOf(stack.store.table),
      logicalIdOf(stack.store.tableKey),
      logicalIdOf(stack.store.fieldKey),
    ];

    // Act
    const touching = statements().filter((s) => guarded.some((id) => mentions(s.Resource, id)));

    // Assess
    expect(touching.length).toBeGreaterThan(10);
    for (const s of touching) {
      for (const a of asArray(s.Action)) expect(a, `${s.policy}: ${a}`).not.toContain('*');
      expect(JSON.stringify(s.Resource), s.policy).not.toContain('*');
    }
  });

  it('no statement anywhere grants a whole service (service:*) or every action', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const all = statements();

    // Assess
    for (const s of all) for (const a of asArray(s.Action)) expect(a, s.policy).not.toMatch(/(^\*$|:\*$)/);
  });

  it("each function's role holds exactly the AWS actions its contract entry implies", () => {
    // Prepare
    const expected: Record<string, string[]> = {
      'table:read': ['dynamodb:GetItem', 'dynamodb:Query'],
      'table:write': ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      'table:update': ['dynamodb:UpdateItem'],
      'fields:encrypt': ['kms:GenerateDataKey', 'secretsmanager:GetSecretValue'],
      'fields:decrypt': ['kms:Decrypt', 'secretsmanager:GetSecretValue'],
      'workflow:start': ['states:StartExecution'],
      'workflow:respond': ['states:SendTaskSuccess'],
      'workflow:resume': ['states:SendTaskSuccess'],
      'clocks:start': ['states:StartExecution'],
      'clocks:stop': ['states:StopExecution'],
      'workflow:describe': ['states:DescribeExecution'],
      'clocks:describe': ['states:DescribeExecution'],
      'mail:send': ['ses:SendEmail'],
      'alarm:raise': ['sns:Publish'],
      'staff:list': ['cognito-idp:ListUsersInGroup'],
    };
    const forbiddenUnless: [string, string[]][] = [
      ['ses:SendEmail', ['mail:send']],
      ['sns:Publish', ['alarm:raise']],
      ['dynamodb:PutItem', ['table:write']],
      ['dynamodb:BatchWriteItem', ['table:write']],
      ['dynamodb:UpdateItem', ['table:write', 'table:update']],
      ['states:StopExecution', ['clocks:stop']],
      ['states:DescribeExecution', ['workflow:describe', 'clocks:describe']],
      ['states:SendTaskSuccess', ['workflow:respond', 'workflow:resume']],
      ['states:SendTaskFailure', ['workflow:respond']],
      ['kms:GenerateDataKey', ['fields:encrypt']],
      ['secretsmanager:GetSecretValue', ['fields:decrypt']],
      ['cognito-idp:ListUsersInGroup', ['staff:list']],
    ];

    // Act
    const granted = HANDLERS.map((spec) => ({
      spec,
      actions: new Set(actionsOfRole(spec.name).flatMap((s) => asArray(s.Action))),
    }));

    // Assess
    for (const { spec, actions } of granted) {
      for (const p of spec.permissions)
        for (const a of defined(expected[p], `the actions of ${p}`))
          expect(actions, `${spec.name} needs ${a} for ${p}`).toContain(a);
      for (const [action, perms] of forbiddenUnless) {
        const allowedByOther =
          action === 'secretsmanager:GetSecretValue' && spec.permissions.includes('fields:encrypt');
        const allowedByTableKey = action === 'kms:GenerateDataKey' && spec.permissions.includes('table:write');
        const granting = perms.some((p) => spec.permissions.includes(p as never));
        if (!granting && !allowedByOther && !allowedByTableKey) {
          expect(actions, `${spec.name} must not have ${action}`).not.toContain(action);
        }
      }
    }
  });

  it('staff:list: the cases API alone may list the staff user pool’s groups, on that pool only, and is told its id', () => {
    // Prepare
    const poolId = logicalIdOf(stack.auth.userPool);
    const functionsOf = (perm: string) => HANDLERS.filter((h) => h.permissions.includes(perm as never));

    // Act
    const cognito = statements().filter((s) => asArray(s.Action).some((a) => a.startsWith('cognito-idp:')));
    const casesStatements = actionsOfRole('cases').filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('cognito-idp:')),
    );
    const withPoolId = ofType('AWS::Lambda::Function').filter(
      ([, f]) => f.Properties.Environment?.Variables?.USER_POOL_ID !== undefined,
    );

    // Assess
    expect(functionsOf('staff:list').map((h) => h.name)).toEqual(['cases']);
    expect(cognito).toHaveLength(1);
    expect(casesStatements).toHaveLength(1);
    expect(casesStatements[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'cognito-idp:ListUsersInGroup',
      Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    expect(withPoolId).toHaveLength(1);
    const [[casesFnId, casesFn]] = withPoolId as [[string, Resource]];
    expect(casesFnId).toBe(logicalIdOf(stack.functions.get('cases')));
    expect(casesFn.Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: poolId });
  });

  it('figures (board and managers) can read the table and nothing else: no field key, no mail, no workflow', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const mine = actionsOfRole('figures');
    const actions = mine.flatMap((s) => asArray(s.Action));

    // Assess
    expect(mine.some((s) => mentions(s.Resource, logicalIdOf(stack.store.fieldKey)))).toBe(false);
    expect(actions.filter((a) => /^(ses|states|secretsmanager):/.test(a))).toEqual([]);
  });
});

describe('public API', () => {
  it('is a REST API whose stage is associated with a REGIONAL web ACL: rate rule, body size rule, AWS managed groups', () => {
    // Prepare
    const stageId = stack.getLogicalId(stack.publicApi.api.deploymentStage.node.defaultChild as never);

    // Act
    const [[aclId, acl]] = ofType('AWS::WAFv2::WebACL') as [[string, Resource]];
    const rules = acl.Properties.Rules as { Statement: Record<string, TemplateValue>; Action?: unknown }[];
    const managed = rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    const [[, association]] = ofType('AWS::WAFv2::WebACLAssociation') as [[string, Resource]];

    // Assess
    expect(acl.Properties.Scope).toBe('REGIONAL');
    // Behind CloudFront, per viewer IP (the header CloudFront sets), not per edge address.
    expect(rules.some((r) => r.Statement.RateBasedStatement?.AggregateKeyType === 'FORWARDED_IP' && r.Action)).toBe(
      true,
    );
    expect(
      rules.some(
        (r) =>
          r.Statement.SizeConstraintStatement?.FieldToMatch?.Body &&
          r.Statement.SizeConstraintStatement.ComparisonOperator === 'GT',
      ),
    ).toBe(true);
    expect(managed).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']),
    );
    // Both read the source address, which behind CloudFront is an edge's; the anonymous list would also shut out Tor and VPN users.
    expect(managed).not.toContain('AWSManagedRulesAmazonIpReputationList');
    expect(managed).not.toContain('AWSManagedRulesAnonymousIpList');
    expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(mentions(association.Properties.ResourceArn, stageId)).toBe(true);
  });

  it('throttles the stage and logs access without IP addresses', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [[, stage]] = ofType('AWS::ApiGateway::Stage') as [[string, Resource]];
    const all = stage.Properties.MethodSettings.find((m: { HttpMethod: string }) => m.HttpMethod === '*');

    // Assess
    expect(all.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(all.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(all.DataTraceEnabled).toBe(false);
    expect(stage.Properties.AccessLogSetting.Format).not.toMatch(/sourceIp|userAgent/);
  });

  it('serves the report routes with no authorizer (anyone may report)', () => {
    // Prepare
    const publicRoutes = HANDLERS.flatMap((h) => h.routes ?? []).filter((r) => r.api === 'public');

    // Act
    const methods = ofType('AWS::ApiGateway::Method').filter(([, r]) => r.Properties.HttpMethod !== 'OPTIONS');

    // Assess
    expect(methods).toHaveLength(publicRoutes.length);
    // The form takes every method on every path under it (its own 404 page, never API Gateway's JSON).
    expect(methods.map(([, m]) => m.Properties.HttpMethod).sort()).toEqual(['ANY', 'ANY', 'POST']);
    for (const [, m] of methods) {
      expect(m.Properties.AuthorizationType).toBe('NONE');
      expect(m.Properties.AuthorizerId).toBeUndefined();
      expect(m.Properties.RequestValidatorId).toBeDefined();
    }
  });

  it('answers CORS for the report form origin only, never *', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const options = ofType('AWS::ApiGateway::Method').filter(([, r]) => r.Properties.HttpMethod === 'OPTIONS');
    const json = JSON.stringify(options[0]?.[1].Properties.Integration);

    // Assess
    expect(options).toHaveLength(1);
    expect(json).toContain('Access-Control-Allow-Origin');
    expect(json).toContain(stack.getLogicalId(stack.web.distribution.node.defaultChild as never));
    expect(json).not.toContain("'*'");
  });
});

describe('staff API', () => {
  it('puts the Cognito JWT authorizer on every staff route in the contract', () => {
    // Prepare
    const staffRoutes = HANDLERS.flatMap((h) => h.routes ?? []).filter((r) => r.api === 'staff');

    // Act
    const routes = ofType('AWS::ApiGatewayV2::Route');
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];

    // Assess
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      staffRoutes.map((r) => `${r.method} ${r.path}`).sort(),
    );
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('cognito-idp');
    for (const [, r] of routes) {
      expect(r.Properties.AuthorizationType).toBe('JWT');
      expect(r.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it('user pool: no self sign-up, MFA required (no SMS), threat protection enforced, the four staff groups', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const groups = ofType('AWS::Cognito::UserPoolGroup')
      .map(([, g]) => g.Properties.GroupName)
      .sort();

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
    expect(groups).toEqual(STAFF_GROUPS.map((g) => g.name).sort());
    expect(groups).toEqual(['board', 'manager', 'officer', 'safeguarding-lead']);
  });

  it("officers' areas: a custom:areas attribute staff can read but only administrators can write", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [, client] = defined(ofType('AWS::Cognito::UserPoolClient').at(0), 'the user pool client');

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'areas', AttributeDataType: 'String', Mutable: true })]),
    });
    expect(client.Properties.ReadAttributes).toContain('custom:areas');
    expect(client.Properties.WriteAttributes).not.toContain('custom:areas');
  });
});

describe('functions', () => {
  it('one Node.js 22 ARM64 traced function per handler in lib/handlers.ts', () => {
    // Prepare: besides them only CDK's bucket-deployment function (deploy time, web content): checked under 'web and mail'.
    const deployer = deploymentFunctionId();

    // Act
    const fns = ofType('AWS::Lambda::Function').filter(([id]) => id !== deployer);

    // Assess
    expect(ofType('AWS::Lambda::Function')).toHaveLength(HANDLERS.length + 1);
    expect(fns.map(([, f]) => f.Properties.FunctionName).sort()).toEqual(
      HANDLERS.map((h) => `Haven-wrekin-${h.name}`).sort(),
    );
    for (const [, f] of fns) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });
});

describe('state machines', () => {
  const machine = (key: 'lifecycle' | 'clock') => resource(logicalIdOf(stack.machines[key].stateMachine));
  const definition = (key: 'lifecycle' | 'clock') => JSON.parse(machine(key).Properties.DefinitionString as string);

  it('are Standard, log ALL without execution data under /aws/vendedlogs/states/, traced', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const machines = (['lifecycle', 'clock'] as const).map((key) => ({
      key,
      sm: machine(key),
      logGroup: resource(stack.getLogicalId(stack.machines[key].logGroup.node.defaultChild as never)),
    }));

    // Assess
    for (const { key, sm, logGroup } of machines) {
      expect(sm.Properties.StateMachineType).toBe('STANDARD');
      expect(sm.Properties.LoggingConfiguration.Level).toBe('ALL');
      expect(sm.Properties.LoggingConfiguration.IncludeExecutionData).toBe(false);
      expect(sm.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(logGroup.Properties.LogGroupName).toBe(`/aws/vendedlogs/states/Haven-wrekin-${key}`);
    }
  });

  it('substitute every ASL placeholder with the task function ARN, and invoke only those functions', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const machines = (['lifecycle', 'clock'] as const).map((key) => {
      const sm = machine(key);
      return {
        sm,
        placeholders: [...(sm.Properties.DefinitionString as string).matchAll(/\$\{(\w+)\}/g)].map((m) =>
          defined(m[1], 'a placeholder name'),
        ),
      };
    });

    // Assess
    for (const { sm, placeholders } of machines) {
      expect(placeholders.length).toBeGreaterThan(0);
      for (const p of placeholders)
        expect(sm.Properties.DefinitionSubstitutions[p], p).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
  });

  it('the deployed clock machine waits for each clock on an absolute TimestampPath, not a polling loop', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const def = definition('clock');
    const waits = Object.values(def.States as Record<string, { Type: string; TimestampPath?: string }>).filter(
      (s) => s.Type === 'Wait',
    );

    // The first state that is not a Pass (the one that sets the fault counters).
    let first = def.StartAt;
    while (def.States[first].Type === 'Pass') first = def.States[first].Next;

    // Assess
    expect(def.States[first].Type).toBe('Wait');
    expect(def.States[first].TimestampPath).toBe('$.at');
    expect(waits.filter((w) => w.TimestampPath).length).toBeGreaterThanOrEqual(2);
    expect(typeof def.TimeoutSeconds).toBe('number');
  });

  it('statemachines/case-clock.asl.json (the real file): every clock wait uses TimestampPath', () => {
    // Prepare
    const def = JSON.parse(readFileSync(join(ROOT, 'statemachines', 'case-clock.asl.json'), 'utf8'));

    // Act
    const clockWaits = Object.entries(
      def.States as Record<string, { Type: string; TimestampPath?: string; Next?: string }>,
    ).filter(([, s]) => s.Type === 'Wait' && s.Next === 'Check' && !('Seconds' in s));

    // Assess
    expect(clockWaits.length).toBeGreaterThanOrEqual(2);
    for (const [, s] of clockWaits) expect(s.TimestampPath).toMatch(/^\$\./);
    expect(JSON.stringify(def)).not.toContain('JSONata');
  });
});

describe('web and mail', () => {
  it("emails link to the console's case page: CONSOLE_URL is the distribution's origin + /console (case.html?id= is appended)", () => {
    // Prepare
    const distributionId = logicalIdOf(stack.web.distribution);

    // Act
    const withUrl = ofType('AWS::Lambda::Function').filter(
      ([, f]) => f.Properties.Environment?.Variables?.CONSOLE_URL !== undefined,
    );

    // Assess
    expect(withUrl.length).toBeGreaterThan(0);
    for (const [, f] of withUrl)
      expect(f.Properties.Environment.Variables.CONSOLE_URL).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console']],
      });
  });

  it('CloudFront serves the private bucket with a strict security headers policy', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act and Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
          }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
        }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('uploads web/ and govuk-frontend to the web bucket: .mjs with a JavaScript type, both pruned, then invalidates CloudFront', () => {
    // Prepare
    const bucketRef = { Ref: logicalIdOf(stack.web.bucket) };
    const deployment = (d: typeof stack.webContent.files): [string, Resource] => {
      const cfn = d.node
        .findAll()
        .find((c): c is CfnResource => c instanceof CfnResource && c.cfnResourceType === 'Custom::CDKBucketDeployment');
      if (!cfn) throw new Error('expected a Custom::CDKBucketDeployment');
      const id = stack.getLogicalId(cfn);
      return [id, resource(id)];
    };

    // Act
    const [filesId, files] = deployment(stack.webContent.files);
    const [, modules] = deployment(stack.webContent.modules);

    // Assess
    expect(ofType('Custom::CDKBucketDeployment')).toHaveLength(2);
    for (const d of [files, modules]) {
      expect(d.Properties.DestinationBucketName).toEqual(bucketRef);
      expect(d.Properties.Prune).toBe(true);
      expect(d.Properties.DestinationBucketKeyPrefix).toBeUndefined();
    }
    expect(files.Properties.Exclude).toEqual(['*.mjs']);
    expect(modules.Properties).toMatchObject({
      Exclude: ['*'],
      Include: ['*.mjs'],
      SystemMetadata: { 'content-type': 'text/javascript; charset=utf-8' },
    });
    // The same site zip feeds both; the modules deployment runs second and invalidates once.
    expect(modules.Properties.SourceObjectKeys).toEqual([files.Properties.SourceObjectKeys[0]]);
    expect(modules.Properties.DistributionId).toEqual({ Ref: logicalIdOf(stack.web.distribution) });
    expect(modules.Properties.DistributionPaths).toEqual(['/*']);
    expect(files.Properties.DistributionId).toBeUndefined();
    expect(asArray((modules as Resource & { DependsOn?: string[] }).DependsOn ?? [])).toContain(filesId);
  });

  it("writes the console's config.json for Cognito with this stack's staff API URL and app client id (deploy-time values)", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const files = defined(
      ofType('Custom::CDKBucketDeployment').find(([, r]) => r.Properties.SourceMarkers?.length === 2),
      'the deployment with two sources',
    );
    const markers = files[1].Properties.SourceMarkers[1] as Record<string, unknown>;

    // Assess
    expect(Object.values(markers)).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(stack.staffApi.api), 'ApiEndpoint'] },
      { Ref: stack.getLogicalId(stack.auth.client.node.defaultChild as never) },
    ]);
  });

  it("the deployment function is CDK's (Python, deploy time only), logging to Haven-<id>-web-deployment", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const fn = resource(deploymentFunctionId());
    const logGroup = resource(fn.Properties.LoggingConfig.LogGroup.Ref as string);

    // Assess
    expect(fn.Properties.Runtime).toMatch(/^python3\./);
    expect(logGroup.Properties.LogGroupName).toBe('/aws/lambda/Haven-wrekin-web-deployment');
  });

  it('SES: the domain identity uses a TLS-only configuration set that publishes bounces and rejects', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const { mailDomain } = stack.notifications;

    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: mailDomain });
    expect(mailDomain).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(['bounce', 'reject']),
        CloudWatchDestination: Match.anyValue(),
      }),
    });
  });
});

describe('alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const topicId = () => stack.getLogicalId(stack.alarms.topic.node.defaultChild as never);

  it('every alarm notifies the encrypted operations topic', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const all = alarms();

    // Assess
    expect(all.length).toBeGreaterThan(20);
    for (const a of all) expect(a.AlarmActions).toEqual([{ Ref: topicId() }]);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.anyValue(),
      TopicName: 'Haven-wrekin-operations',
    });
  });

  it('cover failed and timed-out executions of both machines, every Lambda errors and throttles, SES bounces and rejects', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const keys = alarms().map((a) => `${a.Namespace}/${a.MetricName}/${JSON.stringify(a.Dimensions)}`);
    const count = (ns: string, metric: string) => keys.filter((k) => k.startsWith(`${ns}/${metric}/`)).length;

    // Assess
    expect(count('AWS/States', 'ExecutionsFailed')).toBe(2);
    expect(count('AWS/States', 'ExecutionsTimedOut')).toBe(2);
    expect(count('AWS/Lambda', 'Errors')).toBe(HANDLERS.length);
    expect(count('AWS/Lambda', 'Throttles')).toBe(HANDLERS.length);
    expect(count('AWS/SES', 'Bounce')).toBe(1);
    expect(count('AWS/SES', 'Reject')).toBe(1);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged finding and no acknowledgement without a finding', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const { unacknowledged, unused } = nagAudit(stack);

    // Assess
    expect(unacknowledged).toEqual([]);
    expect(unused).toEqual([]);
  });
});

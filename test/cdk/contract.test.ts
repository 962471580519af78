import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/contract/table-layout.js';
import { loadAssociation, mailDomainFor } from '../../lib/association-source.js';
import { caseTableDefinition, fromCreateTableInput } from '../../lib/case-store.js';
import { Functions } from '../../lib/functions.js';
import { HANDLERS, type HandlerSpec, validateHandlers } from '../../lib/handlers.js';
import { matchRoute } from '../../local/routes.js';
import { defined } from '../support/defined.js';
import { FIXTURE_ENTRY, ROOT, tempApp } from './build.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

describe('lib/handlers.ts contract', () => {
  it('is coherent: unique names, one trigger each, unique routes and substitutions', () => {
    // Act
    const act = () => validateHandlers(HANDLERS);

    // Assess
    expect(act).not.toThrow();
  });

  it('is coherent: a handler listed twice is refused, naming it', () => {
    // Prepare
    const dup = [...HANDLERS, defined(HANDLERS[0], 'a handler')];

    // Act
    const act = () => validateHandlers(dup);

    // Assess
    expect(act).toThrow(/"intake" is listed twice/);
  });

  it('is coherent: a handler with both routes and a workflow task is refused, naming it', () => {
    // Prepare
    const both: HandlerSpec = {
      ...defined(HANDLERS[0], 'a handler'),
      name: 'both',
      workflowTask: { substitution: 'BothArn' },
    };

    // Act
    const act = () => validateHandlers([both]);

    // Assess
    expect(act).toThrow(/"both" needs either routes, a workflowTask or a schedule/);
  });

  it('lists every functions/<name>/handler.ts that exists (no Lambda outside the contract)', () => {
    // Act
    const folders = readdirSync(join(ROOT, 'functions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'functions', d.name, 'handler.ts')))
      .map((d) => d.name);

    // Assess
    const listed = new Set(HANDLERS.map((h) => h.name));
    expect(folders.filter((f) => !listed.has(f))).toEqual([]);
  });

  it(`provides every \${placeholder} the ASL files use`, () => {
    // Act
    const subs = new Set(HANDLERS.flatMap((h) => (h.workflowTask ? [h.workflowTask.substitution] : [])));

    // Assess
    for (const file of readdirSync(join(ROOT, 'statemachines')).filter((f) => f.endsWith('.asl.json'))) {
      const text = readFileSync(join(ROOT, 'statemachines', file), 'utf8');
      for (const m of text.matchAll(/\$\{(\w+)\}/g)) expect(subs, `${file} uses ${m[1]}`).toContain(m[1]);
    }
  });
});

describe('staff case command route', () => {
  const commandRoute = () =>
    defined(
      defined(
        defined(
          HANDLERS.find((h) => h.name === 'cases'),
          'the cases handler',
        ).routes,
        'its routes',
      ).find((r) => r.method === 'POST'),
      'its POST route',
    );

  it('is greedy ({command+}), so commands of more than one segment reach the cases handler', () => {
    // Act
    const route = commandRoute();

    // Assess
    expect(route).toEqual({ api: 'staff', method: 'POST', path: '/api/cases/{id}/{command+}' });
  });

  it.each([
    ['contacts', 'contacts'],
    ['referrals/<duty>/acknowledge', 'referrals/marac/acknowledge'],
    ['actions/<duty>', 'actions/police-referral'],
    ['safety-plan/share', 'safety-plan/share'],
  ])('the local runtime (local/routes.ts, from the same contract) routes POST …/%s to cases', (_what, command) => {
    // Act
    const route = matchRoute('POST', `/api/cases/case-1234-abcd/${command}`);

    // Assess
    expect(route).toEqual({
      handler: 'cases',
      api: 'staff',
      routeKey: 'POST /api/cases/{id}/{command+}',
      pathParameters: { id: 'case-1234-abcd', command },
    });
  });

  it('the case view stays a single segment: GET /api/cases/{id} is the case view', () => {
    // Act
    const route = matchRoute('GET', '/api/cases/case-1234-abcd');

    // Assess
    expect(route?.routeKey).toBe('GET /api/cases/{id}');
  });

  it('the case view stays a single segment: GET /api/cases/{id}/x is not a route', () => {
    // Act
    const route = matchRoute('GET', '/api/cases/case-1234-abcd/timeline');

    // Assess
    expect(route).toBeUndefined();
  });

  it('validateHandlers refuses a greedy parameter before the last segment (API Gateway would reject it)', () => {
    // Prepare
    const cases = defined(
      HANDLERS.find((h) => h.name === 'cases'),
      'the cases handler',
    );
    const bad: HandlerSpec = { ...cases, routes: [{ api: 'staff', method: 'POST', path: '/api/cases/{rest+}/close' }] };

    // Act
    const act = () => validateHandlers([bad]);

    // Assess
    expect(act).toThrow(/"cases".*greedy \{param\+\} before its last segment/);
  });
});

describe('table definition', () => {
  it("converts the table layout's CreateTableInput into the construct's definition", () => {
    // Prepare
    const input = tableDefinition('t');

    // Act
    const def = fromCreateTableInput(input);

    // Assess
    expect(def.partitionKey).toEqual({ name: 'pk', type: 'S' });
    expect(def.sortKey).toEqual({ name: 'sk', type: 'S' });
    expect(def.globalSecondaryIndexes.length).toBeGreaterThanOrEqual(3);
    for (const g of def.globalSecondaryIndexes) expect(g.partitionKey.type).toBe('S');
  });

  it('the stack builds its table from the same layout the store creates locally', () => {
    // Act
    const def = caseTableDefinition('t');

    // Assess
    expect(def).toEqual(fromCreateTableInput(tableDefinition('t')));
    expect(def.globalSecondaryIndexes.map((g) => g.indexName)).toEqual(
      tableDefinition('t').GlobalSecondaryIndexes.map((g) => g.IndexName),
    );
  });

  it('names the key that lacks an attribute definition', () => {
    // Act
    const act = () =>
      fromCreateTableInput({ KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [] });

    // Assess
    expect(act).toThrow(/"pk"/);
  });
});

describe('association loading (bin/haven.ts)', () => {
  it('names an unknown association and lists the known ones', async () => {
    // Act
    const loading = loadAssociation(ROOT, 'no-such-association');

    // Assess
    await expect(loading).rejects.toThrow(/no-such-association/);
  });

  it('names the file and the bad field of an invalid config', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'haven-config-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'config', 'associations'), { recursive: true });
    writeFileSync(join(root, 'config', 'associations', 'broken.json'), JSON.stringify({ id: 'broken', name: 'B' }));

    // Act
    const loading = loadAssociation(root, 'broken');

    // Assess
    await expect(loading).rejects.toThrow(/broken\.json.*name/);
  });

  it('takes the SES domain from the operations mailbox', async () => {
    // Prepare
    const wrekin = await loadAssociation(ROOT, 'wrekin');

    // Act
    const domain = mailDomainFor(wrekin);

    // Assess
    expect(domain).toMatch(/\./);
  });

  it('takes the SES domain given, over the operations mailbox', async () => {
    // Prepare
    const wrekin = await loadAssociation(ROOT, 'wrekin');

    // Act
    const domain = mailDomainFor(wrekin, 'mail.example.org');

    // Assess
    expect(domain).toBe('mail.example.org');
  });
});

describe('async handlers', () => {
  it('get an encrypted dead-letter queue as their on-failure destination, retried twice', () => {
    // Prepare
    const { app, clean } = tempApp();
    cleanups.push(clean);
    const stack = new Stack(app, 'AsyncTest', { env: { region: 'eu-west-2' } });
    const key = new Key(stack, 'K');
    const spec: HandlerSpec = {
      name: 'notify',
      description: 'async',
      entry: FIXTURE_ENTRY,
      workflowTask: { substitution: 'NotifyArn' },
      permissions: ['table:read'],
      async: true,
    };

    // Act
    const fns = new Functions(stack, 'Fns', {
      associationId: 'test',
      handlers: [spec],
      projectRoot: ROOT,
      allowedOrigin: 'https://example.org',
      resources: {
        tableName: 't',
        tableArn: 'arn:aws:dynamodb:eu-west-2:1:table/t',
        indexArns: [],
        tableKey: key,
        fieldKey: key,
        linkKeySecretArn: 'arn:aws:secretsmanager:eu-west-2:1:secret:s',
        stateMachineArn: 'arn:aws:states:eu-west-2:1:stateMachine:a',
        clockStateMachineArn: 'arn:aws:states:eu-west-2:1:stateMachine:b',
        clockExecutionsArn: 'arn:aws:states:eu-west-2:1:execution:b:*',
        lifecycleExecutionsArn: 'arn:aws:states:eu-west-2:1:execution:a:*',
        mailFrom: 'a@example.org',
        consoleUrl: 'https://example.org',
        mailIdentityArn: 'arn:aws:ses:eu-west-2:1:identity/example.org',
        configurationSetName: 'c',
        configurationSetArn: 'arn:aws:ses:eu-west-2:1:configuration-set/c',
        userPoolId: 'eu-west-2_p',
        userPoolArn: 'arn:aws:cognito-idp:eu-west-2:1:userpool/eu-west-2_p',
        alarmTopicArn: 'arn:aws:sns:eu-west-2:1:operations',
        alarmTopicKey: key,
      },
    });
    const t = Template.fromStack(stack);

    // Assess
    const dlq = defined(fns.deadLetterQueues.get('notify'), 'the notify dead-letter queue');
    t.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Haven-test-notify-dlq', SqsManagedSseEnabled: true });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [stack.getLogicalId(dlq.node.defaultChild as never), 'Arn'] } },
      },
    });
  });
});

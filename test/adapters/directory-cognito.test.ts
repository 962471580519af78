/**
 * The staff directory in AWS (000, 004 §10): the user pool's case-role groups, read with
 * ListUsersInGroup across every page, one entry per role a person holds, areas lower-cased as the
 * token's are; users without a sub or an email, and disabled users, are not listed. The listing is
 * kept for a minute per container; a failure names only its class and is not kept.
 */
import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type ListUsersInGroupCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { depsFromEnvironment } from '../../functions/adapters/deps.js';
import {
  cognitoDirectory,
  DirectoryError,
  directoryFromEnvironment,
} from '../../functions/adapters/directory-cognito.js';
import { bundledAssociationText } from '../../lib/bundling.js';
import { apiEvent, call, MANAGER } from '../handlers/harness.js';

const POOL = 'eu-west-2_CanaryPool7';
const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => cognito.reset());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** A Cognito user with the given attributes (undefined ones left out). */
const user = (attributes: Record<string, string | undefined>, extra: Partial<UserType> = {}): UserType => ({
  Username: attributes.sub ?? 'no-sub',
  Enabled: true,
  UserStatus: 'CONFIRMED',
  Attributes: Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([Name, Value]) => ({ Name, Value })),
  ...extra,
});

/** Each request as it was sent (the paginator reuses one input object, so commandCalls shows only its last state). */
const asked: ListUsersInGroupCommandInput[] = [];
beforeEach(() => {
  asked.length = 0;
});

/** Each group's pages, in order; page n+1 is reached with NextToken `<group>#<n>`. */
function answerWith(pages: Record<string, UserType[][]>) {
  cognito.on(ListUsersInGroupCommand).callsFake((input: ListUsersInGroupCommandInput) => {
    asked.push(JSON.parse(JSON.stringify(input)));
    const groupPages = pages[input.GroupName as string] ?? [[]];
    const index = input.NextToken ? Number(input.NextToken.split('#')[1]) : 0;
    const next = index + 1 < groupPages.length ? { NextToken: `${input.GroupName}#${index + 1}` } : {};
    return { Users: groupPages[index], ...next };
  });
}

const OFFICER_PAGES = [
  [
    user({ sub: 'o-1', email: 'one@example.org', 'custom:areas': 'Manchester, salford' }),
    user({ sub: 'o-2', email: 'two@example.org' }),
    user({ email: 'nosub@example.org', 'custom:areas': 'manchester' }),
  ],
  [
    user({ sub: 'o-3', email: 'three@example.org', 'custom:areas': 'SALFORD' }),
    user({ sub: 'o-4', 'custom:areas': 'salford' }),
    user({ sub: 'o-5', email: 'off@example.org' }, { Enabled: false }),
    user({ sub: 'both-1', email: 'both@example.org', 'custom:areas': 'Trafford' }),
  ],
];
const MANAGER_PAGES = [[user({ sub: 'both-1', email: 'both@example.org', 'custom:areas': 'Trafford' })]];
const LEAD_PAGES = [[user({ sub: 'lead-1', email: ' lead@example.org ', 'custom:areas': '' })]];

describe('000, 004 §10: the staff directory from Cognito groups', () => {
  it('lists every page of each case-role group, one entry per role held, areas lower-cased; no sub, no email or disabled: not listed', async () => {
    // Prepare
    answerWith({ officer: OFFICER_PAGES, manager: MANAGER_PAGES, 'safeguarding-lead': LEAD_PAGES });
    const directory = cognitoDirectory({ client: new CognitoIdentityProviderClient({}), userPoolId: POOL });

    // Act
    const members = await directory.list();

    // Assess
    expect(members).toEqual([
      { sub: 'lead-1', email: 'lead@example.org', role: 'safeguarding-lead', areas: [] },
      { sub: 'both-1', email: 'both@example.org', role: 'manager', areas: ['trafford'] },
      { sub: 'both-1', email: 'both@example.org', role: 'officer', areas: ['trafford'] },
      { sub: 'o-1', email: 'one@example.org', role: 'officer', areas: ['manchester', 'salford'] },
      { sub: 'o-3', email: 'three@example.org', role: 'officer', areas: ['salford'] },
      { sub: 'o-2', email: 'two@example.org', role: 'officer', areas: [] },
    ]);
  });

  it('asks for the pool’s officer, manager and safeguarding-lead groups (never board), 60 a page, following NextToken', async () => {
    // Prepare
    answerWith({ officer: OFFICER_PAGES, manager: MANAGER_PAGES, 'safeguarding-lead': LEAD_PAGES });
    const directory = cognitoDirectory({ client: new CognitoIdentityProviderClient({}), userPoolId: POOL });

    // Act
    await directory.list();

    // Assess
    expect(asked).toHaveLength(4);
    expect(asked).toEqual(
      expect.arrayContaining([
        { UserPoolId: POOL, GroupName: 'officer', Limit: 60 },
        { UserPoolId: POOL, GroupName: 'officer', Limit: 60, NextToken: 'officer#1' },
        { UserPoolId: POOL, GroupName: 'manager', Limit: 60 },
        { UserPoolId: POOL, GroupName: 'safeguarding-lead', Limit: 60 },
      ]),
    );
  });

  it('keeps a listing for 60 s per container: a second list within the minute asks Cognito nothing, after it asks again', async () => {
    // Prepare
    answerWith({ officer: [[user({ sub: 'o-1', email: 'one@example.org' })]] });
    let now = 1_000_000;
    const directory = cognitoDirectory({
      client: new CognitoIdentityProviderClient({}),
      userPoolId: POOL,
      now: () => now,
    });
    const first = await directory.list();
    first[0]?.areas.push('tampered');
    const calls = () => cognito.commandCalls(ListUsersInGroupCommand).length;

    // Act
    now += 59_999;
    const cached = await directory.list();
    const callsWithinTheMinute = calls();
    now += 1;
    await directory.list();

    // Assess
    expect(cached).toEqual([{ sub: 'o-1', email: 'one@example.org', role: 'officer', areas: [] }]);
    expect(callsWithinTheMinute).toBe(3);
    expect(calls()).toBe(6);
  });

  it('a Cognito failure is a DirectoryError naming only the error class, and is not kept: the next list asks again', async () => {
    // Prepare
    const sdkError = Object.assign(new Error(`User pool ${POOL} user o-1@example.org throttled`), {
      name: 'TooManyRequestsException',
      $metadata: {},
    });
    cognito.on(ListUsersInGroupCommand).rejectsOnce(sdkError);
    const directory = cognitoDirectory({ client: new CognitoIdentityProviderClient({}), userPoolId: POOL });

    // Act
    const failure = await directory.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    answerWith({ manager: [[user({ sub: 'm-1', email: 'm@example.org' })]] });
    const after = await directory.list();

    // Assess
    expect(failure).toBeInstanceOf(DirectoryError);
    expect(failure).toMatchObject({ causeName: 'TooManyRequestsException' });
    expect(String((failure as Error).message)).not.toMatch(/Canary|example\.org|o-1/);
    expect(after).toEqual([{ sub: 'm-1', email: 'm@example.org', role: 'manager', areas: [] }]);
  });
});

describe('the cases Lambda’s staff directory (environment as lib/functions.ts sets it)', () => {
  const base = {
    ASSOCIATION_ID: 'wrekin',
    TABLE_NAME: 'Haven-wrekin-cases',
    KEY_ARN: 'arn:aws:kms:eu-west-2:111122223333:key/00000000-0000-0000-0000-000000000000',
    CONSOLE_URL: 'https://d1.cloudfront.net',
    AWS_REGION: 'eu-west-2',
  };
  const stub = (env: Record<string, string>) => {
    for (const name of ['KEY_FILE', 'LINK_KEY', 'LINK_KEY_SECRET_ARN', 'FIELD_KEY_ARN', 'USER_POOL_ID'])
      vi.stubEnv(name, undefined);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    // The association config lib/functions.ts builds into the bundle (deployed-association.ts).
    vi.stubGlobal('__HAVEN_ASSOCIATION__', bundledAssociationText(getAssociation('wrekin')));
  };

  it('the deployed cases handler (USER_POOL_ID) answers GET /api/staff from that pool’s groups', async () => {
    // Prepare
    stub({ ...base, USER_POOL_ID: POOL });
    answerWith({ officer: [[user({ sub: 'o-1', email: 'one@example.org', 'custom:areas': 'Telford' })]] });
    const { handler } = await import('../../functions/cases/handler.js');

    // Act
    const res = await call(handler, apiEvent('GET', '/api/staff', { claims: MANAGER }));

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ sub: 'o-1', email: 'one@example.org', role: 'officer', areas: ['telford'] }]);
    expect(new Set(asked.map((input) => input.UserPoolId))).toEqual(new Set([POOL]));
  });

  it('a function without USER_POOL_ID gets no directory (its deps have none) and never calls Cognito', async () => {
    // Prepare
    stub(base);

    // Act
    const deps = { ...(await depsFromEnvironment('haven-test')), ...directoryFromEnvironment() };

    // Assess
    expect(deps.directory).toBeUndefined();
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(0);
  });
});

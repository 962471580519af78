/**
 * The link key reaches the deployed functions from the Secrets Manager secret the stack creates
 * (LINK_KEY_SECRET_ARN), once per container; a missing or malformed secret fails with a message that
 * names the variable and the problem, never the secret.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { depsFromEnvironment } from '../../functions/adapters/deps.js';
import { CryptoError } from '../../functions/adapters/errors.js';
import { createFieldCrypto, loadOrCreateLocalKeys } from '../../functions/adapters/field-crypto.js';
import { fieldCrypto } from '../../functions/adapters/lambda-parts.js';
import {
  fieldCryptoFromEnvironment,
  forgetLinkKey,
  linkKeyFromEnvironment,
} from '../../functions/adapters/link-key.js';
import { bundledAssociationText } from '../../lib/bundling.js';
import { defined } from '../support/defined.js';

const ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:Haven-wrekin-link-key-AbCdEf';
const KEY_ARN = 'arn:aws:kms:eu-west-2:111122223333:key/00000000-0000-0000-0000-000000000000';
/** What Secrets Manager generates for the stack's secret: 43 characters, no punctuation (a canary too). */
const SECRET = 'CanarySecretQ7wErTyUiOpAsDfGhJkLzXcVbNm0123';

const sm = mockClient(SecretsManagerClient);
beforeEach(() => {
  sm.reset();
  forgetLinkKey();
});
afterEach(() => {
  forgetLinkKey();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** The error a promise rejects with, checked to carry no part of the secret. */
async function failure(p: Promise<unknown>, secret = SECRET): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err as Error,
  );
  expect(e).toBeInstanceOf(CryptoError);
  const error = defined(e, 'a rejection');
  expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(secret.slice(0, 12));
  return error;
}

describe('link key from LINK_KEY_SECRET_ARN (AWS)', () => {
  it('reads the secret once per container, however many handlers ask, and decodes it to 32 bytes', async () => {
    // Prepare
    expect(SECRET).toHaveLength(43);
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: SECRET });
    const env = { LINK_KEY_SECRET_ARN: ARN };

    // Act
    const [a, b] = await Promise.all([linkKeyFromEnvironment(env), linkKeyFromEnvironment(env)]);
    const c = await linkKeyFromEnvironment(env);

    // Assess
    expect(a).toBe(SECRET);
    expect(b).toBe(SECRET);
    expect(c).toBe(SECRET);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('gives the field crypto the same hashes as a crypto built from the key directly', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: `${SECRET}\n` });

    // Act
    const fromSecret = await fieldCryptoFromEnvironment({ KEY_ARN, LINK_KEY_SECRET_ARN: ARN });

    // Assess
    const direct = createFieldCrypto({ keyring: 'kms', keyArn: KEY_ARN, linkKey: SECRET });
    expect(fromSecret.hmac('person|ann example|1990-01-01')).toBe(direct.hmac('person|ann example|1990-01-01'));
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('a secret that cannot be read names the variable and the error class, and the next call tries again', async () => {
    // Prepare
    sm.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error(`denied for ${SECRET}`), { name: 'AccessDeniedException' }))
      .resolves({ SecretString: SECRET });

    // Act + Assess: the first call fails, the next reads it
    const e = await failure(linkKeyFromEnvironment({ LINK_KEY_SECRET_ARN: ARN }));
    expect(e.message).toBe('link key secret (LINK_KEY_SECRET_ARN) could not be read: AccessDeniedException');
    expect(await linkKeyFromEnvironment({ LINK_KEY_SECRET_ARN: ARN })).toBe(SECRET);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['too short', SECRET.slice(0, 40)],
    ['too long', `${SECRET}AAAA`],
    ['not base64', `${SECRET.slice(0, 42)}!`],
    ['JSON, not the key', JSON.stringify({ linkKey: SECRET })],
  ])('a secret that is %s is refused without echoing it', async (_what, value) => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: value });

    // Act
    const e = await failure(linkKeyFromEnvironment({ LINK_KEY_SECRET_ARN: ARN }), value);

    // Assess
    expect(e.message).toBe('link key secret (LINK_KEY_SECRET_ARN) is not base64 of 32 bytes');
  });

  it('a secret with no value is refused', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({});

    // Act
    const e = await failure(linkKeyFromEnvironment({ LINK_KEY_SECRET_ARN: ARN }));

    // Assess
    expect(e.message).toBe('link key secret (LINK_KEY_SECRET_ARN) is empty or not 32 bytes');
  });
});

describe('link key without Secrets Manager', () => {
  it('LINK_KEY (base64) where given explicitly, with no call to Secrets Manager', async () => {
    // Prepare
    const key = Buffer.alloc(32, 9).toString('base64');

    // Act
    const got = await linkKeyFromEnvironment({ LINK_KEY: key });

    // Assess
    expect(got).toBe(key);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('a malformed LINK_KEY is refused without echoing it', async () => {
    // Act
    const e = await failure(linkKeyFromEnvironment({ LINK_KEY: 'c2hvcnQ=' }), 'c2hvcnQ=');

    // Assess
    expect(e.message).toBe('LINK_KEY is not base64 of 32 bytes');
  });

  it('the local key file (KEY_FILE) on one machine', async () => {
    // Prepare
    const keyFile = join(mkdtempSync(join(tmpdir(), 'haven-lk-')), 'keys.json');
    const { linkKey } = loadOrCreateLocalKeys(keyFile);

    // Act
    const got = await linkKeyFromEnvironment({ KEY_FILE: keyFile });

    // Assess
    expect(got).toBe(linkKey.toString('base64'));
  });

  it('no source at all names the variables to set', async () => {
    // Act
    const e = await failure(linkKeyFromEnvironment({}));

    // Assess
    expect(e.message).toMatch(/LINK_KEY_SECRET_ARN.*LINK_KEY.*KEY_FILE/);
  });

  it('a function given no link key source (figures) gets a field crypto that refuses every use', async () => {
    // Act
    const crypto = await fieldCryptoFromEnvironment({ KEY_ARN });

    // Assess
    await expect(crypto.seal({ a: 1 }, { associationId: 'wrekin', caseId: 'c1' })).rejects.toThrow(
      /not configured for this function/,
    );
    expect(() => crypto.hmac('x')).toThrow(/not configured for this function/);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});

describe('deps.ts in a deployed HTTP function (environment as lib/functions.ts sets it)', () => {
  const base = {
    ASSOCIATION_ID: 'wrekin',
    TABLE_NAME: 'Haven-wrekin-cases',
    KEY_ARN,
    CONSOLE_URL: 'https://d1.cloudfront.net',
    AWS_REGION: 'eu-west-2',
  };
  const stub = (env: Record<string, string>) => {
    for (const name of ['KEY_FILE', 'LINK_KEY', 'LINK_KEY_SECRET_ARN', 'FIELD_KEY_ARN', 'STATE_MACHINE_ARN'])
      vi.stubEnv(name, undefined);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    // The association config lib/functions.ts builds into the bundle (deployed-association.ts).
    vi.stubGlobal('__HAVEN_ASSOCIATION__', bundledAssociationText(getAssociation('wrekin')));
  };

  it('intake (fields:encrypt) hashes with the key from the secret, read once', async () => {
    // Prepare
    stub({ ...base, LINK_KEY_SECRET_ARN: ARN });
    sm.on(GetSecretValueCommand).resolves({ SecretString: SECRET });

    // Act: two cold starts' worth of deps
    const deps = await depsFromEnvironment('haven-test', { fieldCrypto });
    await depsFromEnvironment('haven-test', { fieldCrypto });

    // Assess
    expect(deps.hmac('phone|07700900123')).toBe(
      createFieldCrypto({ keyring: 'kms', keyArn: KEY_ARN, linkKey: SECRET }).hmac('phone|07700900123'),
    );
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('figures (KEY_ARN but no fields:* and so no secret) builds without a link key and never reads one', async () => {
    // Prepare
    stub(base);

    // Act
    const deps = await depsFromEnvironment('haven-test');

    // Assess
    expect(deps.config.id).toBe('wrekin');
    expect(() => deps.hmac('x')).toThrow(/not configured/);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('a secret that cannot be read fails the cold start with the clear error', async () => {
    // Prepare
    stub({ ...base, LINK_KEY_SECRET_ARN: ARN });
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('nope'), { name: 'ResourceNotFoundException' }));

    // Act + Assess
    await expect(depsFromEnvironment('haven-test', { fieldCrypto })).rejects.toThrow(
      'link key secret (LINK_KEY_SECRET_ARN) could not be read: ResourceNotFoundException',
    );
  });
});

/**
 * Where the field crypto's keys come from in a running function, resolved once per container.
 *
 * The link key (32 bytes, keys the hashes in LINK# items) is read, in this order, from:
 * - `LINK_KEY_SECRET_ARN`: the Secrets Manager secret the stack creates (lib/case-store.ts), a
 *   43-character base64 string encrypted under the field key. Read once, with one SDK client.
 * - `LINK_KEY`: base64 of the key, where a test or a script gives it explicitly.
 * - `KEY_FILE`: the local key file (field-crypto.ts `loadOrCreateLocalKeys`).
 * Errors are CryptoError and name the variable and the error class, never the secret's value.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { noFieldCrypto } from './environment.js';
import { CryptoError } from './errors.js';
import { createFieldCrypto, type FieldCrypto, loadOrCreateLocalKeys } from './field-crypto.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Base64 (or base64url) of exactly 32 bytes, with or without its one `=`. */
const BASE64_32 = /^[A-Za-z0-9+/_-]{43}=?$/;

let client: SecretsManagerClient | undefined;
let resolved: Promise<string> | undefined;

/** Whether the environment names any source of the link key. */
function hasLinkKeySource(env: Env = process.env): boolean {
  return Boolean(env.LINK_KEY_SECRET_ARN || env.LINK_KEY || env.KEY_FILE);
}

/**
 * Base64 of the 32-byte link key, resolved once per container (see the module comment for the
 * order of sources). A failed attempt is forgotten, so the next invocation tries again.
 */
export function linkKeyFromEnvironment(env: Env = process.env): Promise<string> {
  resolved ??= resolveLinkKey(env).catch((e: unknown) => {
    resolved = undefined;
    throw e;
  });
  return resolved;
}

/** Forgets the resolved key and the SDK client (tests only: a container never changes its key). */
export function forgetLinkKey(): void {
  resolved = undefined;
  client = undefined;
}

async function resolveLinkKey(env: Env): Promise<string> {
  if (env.LINK_KEY_SECRET_ARN) return fromSecret(env.LINK_KEY_SECRET_ARN);
  if (env.LINK_KEY) return checked(env.LINK_KEY, 'LINK_KEY is not base64 of 32 bytes');
  if (env.KEY_FILE) return loadOrCreateLocalKeys(env.KEY_FILE).linkKey.toString('base64');
  throw new CryptoError('no link key source: set LINK_KEY_SECRET_ARN (AWS), LINK_KEY or KEY_FILE');
}

async function fromSecret(secretId: string): Promise<string> {
  let value: { SecretString?: string; SecretBinary?: Uint8Array };
  try {
    client ??= new SecretsManagerClient({});
    value = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (e) {
    const name = (e as Error)?.name ?? 'Error';
    throw new CryptoError(`link key secret (LINK_KEY_SECRET_ARN) could not be read: ${name}`, name);
  }
  if (value.SecretString !== undefined) {
    return checked(value.SecretString.trim(), 'link key secret (LINK_KEY_SECRET_ARN) is not base64 of 32 bytes');
  }
  if (value.SecretBinary?.length === 32) return Buffer.from(value.SecretBinary).toString('base64');
  throw new CryptoError('link key secret (LINK_KEY_SECRET_ARN) is empty or not 32 bytes');
}

/** The value when it is base64 of exactly 32 bytes; otherwise `problem`, never the value. */
function checked(value: string, problem: string): string {
  if (!BASE64_32.test(value) || Buffer.from(value, 'base64').length !== 32) throw new CryptoError(problem);
  return value;
}

/**
 * The field crypto a deployed or local function builds from its environment: the local key file
 * (`KEY_FILE`), or the KMS field key (`KEY_ARN`/`FIELD_KEY_ARN`) with the link key above. A function
 * given no link key source (lib/functions.ts gives one only with `fields:*`) gets one that refuses. A Lambda
 * entry imports this (through lambda-parts.ts) only where its permissions include `fields:*`: it brings the
 * Encryption SDK and the Secrets Manager client into the bundle.
 */
export async function fieldCryptoFromEnvironment(env: Env = process.env): Promise<FieldCrypto> {
  if (env.KEY_FILE) return createFieldCrypto({ keyring: 'raw-aes', keyFile: env.KEY_FILE });
  const keyArn = env.KEY_ARN ?? env.FIELD_KEY_ARN;
  if (!keyArn || !hasLinkKeySource(env)) return noFieldCrypto;
  return createFieldCrypto({ keyring: 'kms', keyArn, linkKey: await linkKeyFromEnvironment(env) });
}

/**
 * Field encryption with the AWS Encryption SDK, before anything reaches DynamoDB.
 *
 * - One envelope per write: callers seal one object (the whole private part of a case), not each field.
 * - Suite ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY (key-committing, not signing: ~1 ms a value
 *   against ~4 ms for the signing default, STACK.md), commitment policy REQUIRE_ENCRYPT_REQUIRE_DECRYPT.
 * - The encryption context binds every envelope to its association and case; `open` checks both, so
 *   an envelope copied onto another case (or another association's table) does not open.
 * - Keyrings: KMS in AWS; a raw AES keyring from a local key file on one machine (created on first use,
 *   0600, never committed: keep it under the git-ignored `.haven-data/`).
 * - `hmac` gives keyed hashes for linking earlier cases, so indexes never hold identifiers in clear.
 *   Its key comes from the same source: the local key file, or (in AWS) a 32-byte secret kept
 *   encrypted under the same KMS key (Secrets Manager), read once per container by link-key.ts.
 * - Errors are CryptoError with a fixed message and the cause's class name, never data.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CryptoError } from './errors.js';

/** What an envelope is bound to. Both values are ids, never personal data. */
export interface SealContext {
  associationId: string;
  caseId: string;
}

/** Where the keys come from. */
export type FieldCryptoOptions =
  | {
      keyring: 'kms';
      /** The association's KMS key (ARN), used as the generator key. */
      keyArn: string;
      /** Base64 of a 32-byte link-hash secret, itself stored encrypted under `keyArn` (e.g. Secrets Manager). */
      linkKey: string;
    }
  | {
      keyring: 'raw-aes';
      /** Path of the local key file; created with 0600 permissions when missing. */
      keyFile: string;
    };

/** Seal and open personal data, and hash identifiers for linking. */
export interface FieldCrypto {
  /** Encrypts `value` (JSON) into one envelope bound to `context`; returns it as base64. */
  seal(value: unknown, context: SealContext): Promise<string>;
  /** Decrypts an envelope made by `seal`, verifying it was bound to exactly `context`. */
  open<T>(sealed: string, context: SealContext): Promise<T>;
  /** Keyed hash (HMAC-SHA256, base64url) of an already normalised identifier. */
  hmac(text: string): string;
}

const CONTEXT_ASSOCIATION = 'haven:association';
const CONTEXT_CASE = 'haven:case';
const KEY_NAMESPACE = 'haven';
const KEY_NAME = 'local-field-key-v1';

type Sdk = typeof import('./encryption-sdk.js');
let sdkPromise: Promise<Sdk> | undefined;

/** The Encryption SDK is ~200 ms to load: load it once, on first use, not at import (encryption-sdk.ts: the parts used). */
function loadSdk(): Promise<Sdk> {
  sdkPromise ??= import('./encryption-sdk.js');
  return sdkPromise;
}

interface LocalKeys {
  wrappingKey: Buffer;
  linkKey: Buffer;
}

/** Reads the local key file, creating it (0600, in a 0700 folder) when missing. */
export function loadOrCreateLocalKeys(keyFile: string): LocalKeys {
  try {
    let text: string;
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
      const fresh = JSON.stringify({
        version: 1,
        wrappingKey: randomBytes(32).toString('base64'),
        linkKey: randomBytes(32).toString('base64'),
      });
      try {
        // 'wx': two processes starting at once cannot both create it; the loser reads the winner's.
        writeFileSync(keyFile, fresh, { flag: 'wx', mode: 0o600 });
        chmodSync(keyFile, 0o600);
      } catch (w) {
        if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
      }
      text = readFileSync(keyFile, 'utf8');
    }
    if ((statSync(keyFile).mode & 0o077) !== 0)
      throw new CryptoError('local key file is readable by other users: set its mode to 0600');
    const parsed = JSON.parse(text) as { version?: number; wrappingKey?: string; linkKey?: string };
    const wrappingKey = Buffer.from(parsed.wrappingKey ?? '', 'base64');
    const linkKey = Buffer.from(parsed.linkKey ?? '', 'base64');
    if (parsed.version !== 1 || wrappingKey.length !== 32 || linkKey.length !== 32)
      throw new CryptoError('local key file is not a Haven key file');
    return { wrappingKey, linkKey };
  } catch (e) {
    if (e instanceof CryptoError) throw e;
    throw new CryptoError('local key file could not be read or created', (e as Error)?.name);
  }
}

/** Builds the field crypto for one association from its key source. */
export function createFieldCrypto(options: FieldCryptoOptions): FieldCrypto {
  type Client = ReturnType<Sdk['buildClient']>;
  type Keyring = InstanceType<Sdk['RawAesKeyringNode']> | InstanceType<Sdk['KmsKeyringNode']>;
  let linkKey: Buffer;
  // The keyring, made once the SDK has loaded: raw AES over the local key file, or the association's KMS key.
  let makeKeyring: (sdk: Sdk) => Keyring;
  if (options.keyring === 'raw-aes') {
    const keys = loadOrCreateLocalKeys(options.keyFile);
    linkKey = keys.linkKey;
    makeKeyring = (sdk) =>
      new sdk.RawAesKeyringNode({
        keyNamespace: KEY_NAMESPACE,
        keyName: KEY_NAME,
        unencryptedMasterKey: new Uint8Array(keys.wrappingKey),
        wrappingSuite: sdk.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      });
  } else {
    linkKey = Buffer.from(options.linkKey, 'base64');
    if (linkKey.length !== 32) throw new CryptoError('link key must be 32 bytes, base64');
    if (!options.keyArn) throw new CryptoError('KMS key ARN is missing');
    const generatorKeyId = options.keyArn;
    makeKeyring = (sdk) => new sdk.KmsKeyringNode({ generatorKeyId });
  }
  // Separate the hash key per purpose, so a future second use of the secret cannot collide with this one.
  const hmacKey = Buffer.from(hkdfSync('sha256', linkKey, Buffer.alloc(0), 'haven/link-keys/v1', 32));

  let ready: Promise<{ sdk: Sdk; client: Client; keyring: Keyring }> | undefined;
  const init = () =>
    (ready ??= loadSdk().then((sdk) => {
      const client = sdk.buildClient({
        commitmentPolicy: sdk.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
        maxEncryptedDataKeys: 1,
      });
      return { sdk, client, keyring: makeKeyring(sdk) };
    }));

  const toContext = (c: SealContext): Record<string, string> => {
    if (!c.associationId || !c.caseId)
      throw new CryptoError('encryption context needs an association id and a case id');
    return { [CONTEXT_ASSOCIATION]: c.associationId, [CONTEXT_CASE]: c.caseId };
  };

  return {
    async seal(value, context) {
      const encryptionContext = toContext(context);
      let stage = 'load';
      try {
        const { sdk, client, keyring } = await init();
        stage = 'encrypt';
        const { result } = await client.encrypt(keyring, Buffer.from(JSON.stringify(value ?? null), 'utf8'), {
          encryptionContext,
          suiteId: sdk.AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
        });
        return result.toString('base64');
      } catch (e) {
        throw new CryptoError(`field encryption failed (${stage})`, (e as Error)?.name);
      }
    },

    async open<T>(sealed: string, context: SealContext): Promise<T> {
      const expected = toContext(context);
      let plaintext: Buffer;
      try {
        const { client, keyring } = await init();
        const out = await client.decrypt(keyring, Buffer.from(sealed, 'base64'));
        const got = out.messageHeader.encryptionContext;
        for (const [k, v] of Object.entries(expected))
          if (got[k] !== v)
            throw new CryptoError('field decryption refused: encryption context does not match the case');
        // A signed suite would add its public key to the context; anything else is not ours.
        if (Object.keys(got).length !== Object.keys(expected).length)
          throw new CryptoError('field decryption refused: unexpected encryption context');
        plaintext = out.plaintext;
      } catch (e) {
        if (e instanceof CryptoError) throw e;
        throw new CryptoError('field decryption failed', (e as Error)?.name);
      }
      try {
        return JSON.parse(plaintext.toString('utf8')) as T;
      } catch {
        throw new CryptoError('field decryption gave malformed content');
      }
    },

    hmac(text) {
      return createHmac('sha256', hmacKey).update(text, 'utf8').digest('base64url');
    },
  };
}

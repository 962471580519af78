import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClient,
  CommitmentPolicy,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CryptoError } from '../../functions/adapters/errors.js';
import { createFieldCrypto } from '../../functions/adapters/field-crypto.js';

const ctx = { associationId: 'wrekin', caseId: 'case-1' };
const keyFileIn = () => join(mkdtempSync(join(tmpdir(), 'haven-fc-')), 'nested', 'local.key');
const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

describe('field encryption (AWS Encryption SDK)', () => {
  it('round-trips a value through one envelope', async () => {
    // Prepare
    const fc = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });
    const value = { name: 'Alex', answers: { q1: 'yes' }, n: 3 };

    // Act
    const sealed = await fc.seal(value, ctx);

    // Assess
    expect(typeof sealed).toBe('string');
    expect(sealed).not.toContain('Alex');
    expect(await fc.open(sealed, ctx)).toEqual(value);
  });

  it('uses the committing, non-signing suite and binds association and case in the encryption context', async () => {
    // Prepare
    const keyFile = keyFileIn();
    const fc = createFieldCrypto({ keyring: 'raw-aes', keyFile });

    // Act
    const sealed = await fc.seal({ a: 1 }, ctx);

    // Assess: the envelope's header, read with the raw key
    const { wrappingKey } = JSON.parse(readFileSync(keyFile, 'utf8')) as { wrappingKey: string };
    const keyring = new RawAesKeyringNode({
      keyNamespace: 'haven',
      keyName: 'local-field-key-v1',
      unencryptedMasterKey: new Uint8Array(Buffer.from(wrappingKey, 'base64')),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
    const { messageHeader } = await buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT).decrypt(
      keyring,
      Buffer.from(sealed, 'base64'),
    );
    expect(messageHeader.suiteId).toBe(0x0478); // ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY
    expect(messageHeader.encryptionContext).toEqual({ 'haven:association': 'wrekin', 'haven:case': 'case-1' });
  });

  it('refuses to open an envelope under another case or association, with a message naming no data', async () => {
    // Prepare
    const fc = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });
    const sealed = await fc.seal({ secret: 'CanaryFieldValue' }, ctx);

    // Act + Assess: another case, then another association
    for (const other of [
      { ...ctx, caseId: 'case-2' },
      { ...ctx, associationId: 'connect' },
    ]) {
      const err = await fc.open(sealed, other).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CryptoError);
      expect((err as Error).message).not.toContain('Canary');
    }
  });

  it('a tampered envelope or another key is a CryptoError, never data', async () => {
    // Prepare
    const fc = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });
    const sealed = await fc.seal({ secret: 'CanaryFieldValue' }, ctx);
    const bytes = Buffer.from(sealed, 'base64');
    const at = bytes.length - 40;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);

    // Act + Assess: the tampered envelope, then the envelope under another key
    await expect(fc.open(bytes.toString('base64'), ctx)).rejects.toBeInstanceOf(CryptoError);
    const stranger = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });
    const err = await stranger.open(sealed, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CryptoError);
    expect(JSON.stringify({ m: (err as Error).message, c: (err as CryptoError).causeName })).not.toContain('Canary');
  });

  it('creates the local key file with 0600 on first use and reuses it after', async () => {
    // Prepare
    const keyFile = keyFileIn();

    // Act
    const first = createFieldCrypto({ keyring: 'raw-aes', keyFile });

    // Assess
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const sealed = await first.seal({ v: 1 }, ctx);
    const second = createFieldCrypto({ keyring: 'raw-aes', keyFile });
    expect(await second.open(sealed, ctx)).toEqual({ v: 1 });
    expect(second.hmac('person|alex|1990-01-02')).toBe(first.hmac('person|alex|1990-01-02'));
  });

  it('refuses a key file others can read, and a file that is not a key file', () => {
    // Prepare
    const loose = keyFileIn();
    createFieldCrypto({ keyring: 'raw-aes', keyFile: loose });
    chmodSync(loose, 0o644);
    const junk = join(mkdtempSync(join(tmpdir(), 'haven-fc-')), 'junk.key');
    writeFileSync(junk, 'not json', { mode: 0o600 });

    // Act + Assess
    expect(() => createFieldCrypto({ keyring: 'raw-aes', keyFile: loose })).toThrow(CryptoError);
    expect(() => createFieldCrypto({ keyring: 'raw-aes', keyFile: junk })).toThrow(CryptoError);
  });

  it('hmac is keyed: stable for one key source, different for another, never the input', () => {
    // Prepare
    const a = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });
    const b = createFieldCrypto({ keyring: 'raw-aes', keyFile: keyFileIn() });

    // Act + Assess
    expect(a.hmac('phone|07700900123')).toBe(a.hmac('phone|07700900123'));
    expect(a.hmac('phone|07700900123')).not.toBe(b.hmac('phone|07700900123'));
    expect(a.hmac('phone|07700900123')).not.toContain('07700900123');
  });

  it('a KMS failure is a CryptoError naming the stage and the error class, not the message', async () => {
    // Prepare
    kms.on(GenerateDataKeyCommand).rejects(
      Object.assign(new Error('key arn:aws:kms:CanaryDetail is disabled'), {
        name: 'DisabledException',
        $metadata: {},
      }),
    );
    const fc = createFieldCrypto({
      keyring: 'kms',
      keyArn: 'arn:aws:kms:eu-west-2:111122223333:key/00000000-0000-0000-0000-000000000000',
      linkKey: Buffer.alloc(32, 7).toString('base64'),
    });

    // Act
    const err = await fc.seal({ secret: 'CanaryFieldValue' }, ctx).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(CryptoError);
    expect((err as Error).message).toBe('field encryption failed (encrypt)');
    expect((err as Error).message).not.toContain('Canary');
    expect(kms.commandCalls(GenerateDataKeyCommand).length).toBeGreaterThan(0);
  });

  it('refuses a KMS link key that is not 32 bytes', () => {
    // Act + Assess
    expect(() =>
      createFieldCrypto({ keyring: 'kms', keyArn: 'arn:aws:kms:eu-west-2:1:key/x', linkKey: 'c2hvcnQ=' }),
    ).toThrow(CryptoError);
  });
});

/**
 * The KMS keyring as a Lambda bundle runs it: field-crypto.ts built with the stack's esbuild settings
 * (lib/bundling.ts), so with the bundle-only `@aws-sdk/client-kms` stand-in (functions/adapters/bundle/
 * client-kms.mjs: the package's KMSClient and three commands in place of the aggregated `KMS` client).
 * Run in a plain Node process against a KMS endpoint this test serves (the JSON protocol KMS speaks),
 * sealing calls GenerateDataKey and opening calls Decrypt, each with the field key and the case's
 * encryption context, signed; and a KMS refusal fails the seal under KMS's own error name (the error
 * classes the stand-in keeps), or fails the open.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAsLambda } from '../support/lambda-bundle.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'haven-bundled-kms-'));
const keyArn = 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const context = { associationId: 'wrekin', caseId: 'case-1' };
const linkKey = randomBytes(32).toString('base64');

interface KmsCall {
  target: string;
  body: { KeyId?: string; EncryptionContext?: Record<string, string>; CiphertextBlob?: string };
  headers: IncomingHttpHeaders;
}

/** A KMS endpoint: data keys it made, by ciphertext; the calls it saw; whether it refuses Decrypt. */
const kms = {
  keys: new Map<string, { plaintext: string; context: string }>(),
  calls: [] as KmsCall[],
  deny: undefined as string | undefined,
};
let server: Server;
let endpoint = '';
let inputs: string[] = [];

function answer(call: KmsCall): { status: number; body: object } {
  const ctx = JSON.stringify(call.body.EncryptionContext ?? {});
  if (kms.deny === call.target)
    return { status: 400, body: { __type: 'KMSInvalidStateException', message: 'the key is pending deletion' } };
  if (call.target === 'TrentService.GenerateDataKey') {
    const [plaintext, blob] = [randomBytes(32).toString('base64'), randomBytes(48).toString('base64')];
    kms.keys.set(blob, { plaintext, context: ctx });
    return { status: 200, body: { KeyId: keyArn, Plaintext: plaintext, CiphertextBlob: blob } };
  }
  if (call.target === 'TrentService.Decrypt') {
    const key = kms.keys.get(call.body.CiphertextBlob ?? '');
    if (!key || key.context !== ctx)
      return { status: 400, body: { __type: 'InvalidCiphertextException', message: 'no such data key' } };
    return { status: 200, body: { KeyId: keyArn, Plaintext: key.plaintext } };
  }
  return { status: 400, body: { __type: 'UnsupportedOperationException', message: call.target } };
}

/** Runs `body` in a fresh Node process with the bundled field crypto over KMS as `crypto`; its JSON result. */
async function inBundle(body: string): Promise<unknown> {
  const script = join(dir, `run-${randomBytes(6).toString('hex')}.mjs`);
  writeFileSync(
    script,
    `import { createFieldCrypto } from './field-crypto.mjs';
const crypto = createFieldCrypto({ keyring: 'kms', keyArn: ${JSON.stringify(keyArn)}, linkKey: ${JSON.stringify(linkKey)} });
const out = await (async () => { ${body} })();
process.stdout.write(JSON.stringify(out));`,
  );
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'token',
    AWS_REGION: 'eu-west-2',
    AWS_ENDPOINT_URL_KMS: endpoint,
  };
  const { stdout } = await run(process.execPath, [script], { cwd: dir, env });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    req.on('end', () => {
      const call = {
        target: String(req.headers['x-amz-target']),
        body: JSON.parse(text || '{}'),
        headers: req.headers,
      };
      kms.calls.push(call);
      const { status, body } = answer(call);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ inputs } = await buildAsLambda('functions/adapters/field-crypto.ts', dir, 'field-crypto'));
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the KMS keyring in a Lambda bundle', () => {
  it('is built on the stand-in: KMSClient and three commands, not the aggregated KMS client', () => {
    // Prepare: bundled once (beforeAll).
    // Act
    const kmsFiles = inputs.filter((i) => i.includes('@aws-sdk/client-kms/dist-es/'));

    // Assess
    expect(inputs.some((i) => i.endsWith('functions/adapters/bundle/client-kms.mjs'))).toBe(true);
    expect(kmsFiles.some((i) => i.endsWith('dist-es/KMS.js'))).toBe(false);
    expect(kmsFiles.filter((i) => i.includes('/commands/')).map((i) => i.split('/').pop())).toEqual(
      expect.arrayContaining(['GenerateDataKeyCommand.js', 'EncryptCommand.js', 'DecryptCommand.js']),
    );
    expect(kmsFiles.filter((i) => i.includes('/commands/'))).toHaveLength(3);
  });

  it('seals with GenerateDataKey and opens with Decrypt, on the field key, in the case’s context, signed', async () => {
    // Prepare
    kms.calls.length = 0;
    kms.deny = undefined;

    // Act
    const out = (await inBundle(`
      const sealed = await crypto.seal({ name: 'from the bundle' }, ${JSON.stringify(context)});
      return { sealed, opened: await crypto.open(sealed, ${JSON.stringify(context)}) };
    `)) as { sealed: string; opened: unknown };

    // Assess
    expect(out.opened).toEqual({ name: 'from the bundle' });
    expect(kms.calls.map((c) => c.target)).toEqual(['TrentService.GenerateDataKey', 'TrentService.Decrypt']);
    for (const c of kms.calls) {
      expect(c.body.KeyId).toBe(keyArn);
      expect(c.body.EncryptionContext).toEqual({ 'haven:association': 'wrekin', 'haven:case': 'case-1' });
      expect(String(c.headers.authorization)).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/kms\//,
      );
      expect(c.headers['x-amz-security-token']).toBe('token');
    }
  });

  it('fails a seal KMS refuses under KMS’s error name, and an open KMS refuses, as field-crypto.ts says', async () => {
    // Prepare
    const { sealed } = (await inBundle(
      `return { sealed: await crypto.seal({ name: 'x' }, ${JSON.stringify(context)}) };`,
    )) as {
      sealed: string;
    };
    const attempt = (call: string) => `
      return ${call}.then(
        () => 'done',
        (e) => ({ code: e.code, message: e.message, causeName: e.causeName }),
      );`;

    // Act
    kms.deny = 'TrentService.GenerateDataKey';
    const seal = await inBundle(attempt(`crypto.seal({ name: 'y' }, ${JSON.stringify(context)})`));
    kms.deny = 'TrentService.Decrypt';
    const open = await inBundle(attempt(`crypto.open(${JSON.stringify(sealed)}, ${JSON.stringify(context)})`));

    // Assess
    expect(seal).toEqual({
      code: 'crypto-error',
      message: 'field encryption failed (encrypt)',
      causeName: 'KMSInvalidStateException',
    });
    expect(open).toEqual({ code: 'crypto-error', message: 'field decryption failed', causeName: 'Error' });
  });
});

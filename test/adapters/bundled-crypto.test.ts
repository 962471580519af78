/**
 * The field crypto as a Lambda bundle runs it: built with the stack's esbuild settings (lib/bundling.ts),
 * so with the bundle-only stand-ins for the Encryption SDK umbrella (the parts field-crypto.ts uses) and
 * for asn1.js (which only signing suites reach). Run in a plain Node process, it seals and opens with
 * Haven's suite and commitment policy, and what it seals opens with the unbundled SDK and back: the same
 * envelopes. A bundle-built crypto keeps refusing an envelope moved to another case.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../../functions/adapters/field-crypto.js';
import { buildAsLambda } from '../support/lambda-bundle.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'haven-bundled-crypto-'));
const keyFile = join(dir, 'keys.json');
const context = { associationId: 'wrekin', caseId: 'case-1' };
let inputs: string[] = [];

/** Runs `body` in a fresh Node process with the bundled field crypto as `crypto` (over the test's key file); its JSON result. */
async function inBundle(body: string): Promise<unknown> {
  const script = join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    script,
    `import { createFieldCrypto } from './field-crypto.mjs';
const crypto = createFieldCrypto({ keyring: 'raw-aes', keyFile: ${JSON.stringify(keyFile)} });
const out = await (async () => { ${body} })();
process.stdout.write(JSON.stringify(out));`,
  );
  const { stdout } = await run(process.execPath, [script], { cwd: dir });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  ({ inputs } = await buildAsLambda('functions/adapters/field-crypto.ts', dir, 'field-crypto'));
}, 60_000);

describe('the field crypto in a Lambda bundle', () => {
  it('is built with the stand-ins: no asn1.js, no umbrella, no branch keystore, Node’s streams', () => {
    // Prepare: bundled once (beforeAll).
    // Act
    const packages = inputs.filter((i) =>
      /asn1\.js|readable-stream\/|@aws-crypto\/(client-node|branch-keystore-node)\//.test(i),
    );

    // Assess
    expect(inputs.some((i) => i.includes('functions/adapters/bundle/no-asn1.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('functions/adapters/bundle/readable-stream.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('functions/adapters/bundle/bn.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('node_modules/bn.js/'))).toBe(false);
    expect(packages).toEqual([]);
  });

  it('seals and opens with Haven’s suite; the unbundled SDK opens what it sealed, and it opens what the SDK sealed', async () => {
    // Prepare
    const source = createFieldCrypto({ keyring: 'raw-aes', keyFile });
    const fromSource = await source.seal({ name: 'from the source' }, context);

    // Act
    const out = (await inBundle(`
      const sealed = await crypto.seal({ name: 'from the bundle' }, ${JSON.stringify(context)});
      return {
        sealed,
        own: await crypto.open(sealed, ${JSON.stringify(context)}),
        theirs: await crypto.open(${JSON.stringify(fromSource)}, ${JSON.stringify(context)}),
      };
    `)) as { sealed: string; own: unknown; theirs: unknown };

    // Assess
    expect(out.own).toEqual({ name: 'from the bundle' });
    expect(out.theirs).toEqual({ name: 'from the source' });
    expect(await source.open(out.sealed, context)).toEqual({ name: 'from the bundle' });
    // The suite id leads the header after the version byte: 0x0478 (1144) is ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY.
    expect(Buffer.from(out.sealed, 'base64').subarray(1, 3).toString('hex')).toBe('0478');
  });

  it('seals and opens many frames (each frame’s length in its AAD, bn.js stand-in) as the unbundled SDK does', async () => {
    // Prepare: 20 000 characters, five frames of 4 KB.
    const source = createFieldCrypto({ keyring: 'raw-aes', keyFile });
    const value = { notes: 'n'.repeat(20_000) };
    const fromSource = await source.seal(value, context);

    // Act
    const out = (await inBundle(`
      const value = { notes: 'n'.repeat(20_000) };
      return { sealed: await crypto.seal(value, ${JSON.stringify(context)}), theirs: await crypto.open(${JSON.stringify(fromSource)}, ${JSON.stringify(context)}) };
    `)) as { sealed: string; theirs: unknown };

    // Assess
    expect(out.theirs).toEqual(value);
    expect(await source.open(out.sealed, context)).toEqual(value);
    expect(Buffer.from(out.sealed, 'base64').length).toBeGreaterThan(20_000);
  });

  it('refuses a tampered envelope through Node’s own streams (the readable-stream stand-in), as the unbundled crypto does', async () => {
    // Prepare: flip one byte of the body, and one of the header.
    const source = createFieldCrypto({ keyring: 'raw-aes', keyFile });
    const bytes = Buffer.from(await source.seal({ name: 'x'.repeat(200) }, context), 'base64');
    const flip = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy.toString('base64');
    };
    const tampered = [flip(bytes.length - 40), flip(5)];
    const unbundled = await Promise.all(
      tampered.map((t) =>
        source.open(t, context).then(
          () => 'opened',
          (e: Error) => ({ message: e.message }),
        ),
      ),
    );

    // Act
    const out = await inBundle(`
      return Promise.all(${JSON.stringify(tampered)}.map((t) =>
        crypto.open(t, ${JSON.stringify(context)}).then(() => 'opened', (e) => ({ message: e.message })),
      ));
    `);

    // Assess
    expect(out).toEqual([{ message: 'field decryption failed' }, { message: 'field decryption failed' }]);
    expect(out).toEqual(unbundled);
  });

  it('refuses an envelope moved onto another case, as the unbundled crypto does', async () => {
    // Prepare
    const sealed = await createFieldCrypto({ keyring: 'raw-aes', keyFile }).seal({ name: 'x' }, context);

    // Act
    const out = await inBundle(`
      return crypto.open(${JSON.stringify(sealed)}, { associationId: 'wrekin', caseId: 'case-2' }).then(
        () => 'opened',
        (e) => ({ message: e.message }),
      );
    `);

    // Assess
    expect(out).toEqual({ message: 'field decryption refused: encryption context does not match the case' });
  });
});

/**
 * The adapters' errors keep their names in a minified Lambda bundle: esbuild renames classes, and an
 * error's name is what logs, fault records and alarms show (and what a reader searches for).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cdk/build.js';
import { buildAsLambda } from '../support/lambda-bundle.js';

describe('error names in a minified bundle', () => {
  it('every AdapterError class is named as it is exported, not as the minifier renamed it', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'haven-error-names-'));
    const entry = join(dir, 'entry.ts');
    const errors = join(ROOT, 'functions/adapters/errors.ts');
    const directory = join(ROOT, 'functions/adapters/directory-cognito.ts');
    writeFileSync(
      entry,
      `export * from ${JSON.stringify(errors)};\nexport { DirectoryError } from ${JSON.stringify(directory)};\n`,
    );
    const { file: bundle } = await buildAsLambda(entry, dir, 'errors');

    // Act
    const mod = (await import(pathToFileURL(bundle).href)) as Record<string, unknown>;
    const names = Object.entries(mod)
      .filter(([exported, v]) => exported !== 'AdapterError' && typeof v === 'function' && v.prototype instanceof Error)
      .map(([exported, Ctor]) => {
        const error = new (Ctor as new (m: string, p?: unknown) => Error)('fixed words', { field: 'x', problem: 'y' });
        return [exported, error.name];
      });

    // Assess
    expect(names.map(([exported]) => exported).sort()).toEqual([
      'ConflictError',
      'CryptoError',
      'DirectoryError',
      'InvalidInputError',
      'NotFoundError',
      'RepositoryUsageError',
      'RetryableStorageError',
      'StorageError',
    ]);
    for (const [exported, name] of names) expect(name, exported).toBe(exported);
  });
});

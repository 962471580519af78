/**
 * Builds one module as the stack bundles a Lambda (lib/bundling.ts: minified, with the bundle-only
 * stand-ins), writing `<name>.mjs` and its source map into `dir`, so a test can run what AWS runs.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../lib/bundling.js';
import { ROOT } from '../cdk/build.js';

/** Bundles `entry` (absolute, or relative to the repository) into `dir/<name>.mjs`; returns its path and the inputs it holds. */
export async function buildAsLambda(
  entry: string,
  dir: string,
  name: string,
): Promise<{ file: string; inputs: string[] }> {
  const result = await build({ ...esbuildOptions(resolve(ROOT, entry)), absWorkingDir: ROOT });
  const file = join(dir, `${name}.mjs`);
  for (const f of result.outputFiles ?? []) writeFileSync(f.path.endsWith('.map') ? `${file}.map` : file, f.contents);
  return { file, inputs: Object.keys(result.metafile?.inputs ?? {}) };
}

/**
 * CI: synthesises every association's stack offline (local esbuild, no Docker, no AWS account), with
 * cdk-nag, into a temp folder. Exits non-zero naming each association that failed.
 * Usage: `npm run synth` (tsx scripts/synth-all.ts), optionally followed by ids to synth only those.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../lib/app.js';
import { listAssociationIds } from '../lib/association-source.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const ids = process.argv.length > 2 ? process.argv.slice(2) : await listAssociationIds(root);
  if (!ids.length) {
    console.error('No association configs found in config/associations/');
    return 1;
  }
  const failed: string[] = [];
  for (const id of ids) {
    const outdir = mkdtempSync(join(tmpdir(), `cdk.out-${id}-`));
    const started = Date.now();
    try {
      const { app } = await buildApp({ root, outdir, context: { association: id } });
      const assembly = app.synth();
      const stack = assembly.stacks[0]!;
      console.log(`ok   ${stack.stackName}: ${Object.keys(stack.template.Resources ?? {}).length} resources (${Date.now() - started} ms)`);
    } catch (err) {
      failed.push(id);
      console.error(`FAIL ${id}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
  if (failed.length) console.error(`\n${failed.length} of ${ids.length} failed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * CI: synthesises every association's stack offline (local esbuild, no Docker, no AWS account), with
 * cdk-nag, into a temp folder, and prints each association's result and nag status. Exits non-zero
 * naming each association that failed.
 *
 * All stacks are built in ONE App, so they share one cloud assembly and CDK's own asset cache: what is
 * the same in every stack is built once. Each stack's Lambdas carry its own association's config
 * (lib/bundling.ts `associationDefine`), so each handler is bundled once per association (content-hashed,
 * so it is the zip `cdk synth -c association=<id>` would make). Each stack is built exactly as bin/haven.ts builds it (lib/app.ts addHavenStack), from the
 * same context; only the App is shared.
 *
 * Usage: `npm run synth` (tsx scripts/synth-all.ts) [--keep] [ids…]. `--keep` leaves the cloud
 * assembly and prints where it is.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addHavenStack, havenApp } from '../lib/app.js';
import { listAssociationIds } from '../lib/association-source.js';
import type { HavenStack } from '../lib/haven-stack.js';
import { applyNag } from '../lib/nag.js';
import { resourceName } from '../lib/naming.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One association's outcome. */
export interface SynthResult {
  id: string;
  ok: boolean;
  stackName?: string;
  resources?: number;
  /** `clean`, the unacknowledged findings, or `not run` when the stack did not build. */
  nag: 'clean' | 'not run' | string[];
  error?: string;
}

interface ValidationReport {
  pluginReports?: {
    violations?: {
      ruleName: string;
      violatingResources?: { templatePath?: string; resourceLogicalId?: string }[];
      violatingConstructs?: { constructPath?: string }[];
    }[];
  }[];
}

/** Synthesises `ids` in one App into `outdir`: per-association build, template and nag results. */
export async function synthAll(ids: readonly string[], outdir: string): Promise<SynthResult[]> {
  const app = havenApp({ outdir });
  const results = new Map<string, SynthResult>();
  const stacks = new Map<string, HavenStack>();
  for (const id of ids) {
    try {
      stacks.set(id, await addHavenStack(app, root, id));
    } catch (err) {
      results.set(id, { id, ok: false, nag: 'not run', error: err instanceof Error ? err.message : String(err) });
      // A stack that threw half-built must not take the others down with it.
      app.node.tryRemoveChild(resourceName(id));
    }
  }
  applyNag(app);
  let findings = new Map<string, string[]>();
  let synthError: string | undefined;
  let assembly: ReturnType<typeof app.synth> | undefined;
  try {
    assembly = app.synth();
  } catch (err) {
    synthError = err instanceof Error ? err.message : String(err);
    findings = readFindings(outdir, [...stacks.values()]);
  }
  for (const [id, stack] of stacks) {
    const mine = findings.get(stack.stackName) ?? [];
    if (assembly) {
      const artifact = assembly.getStackByName(stack.stackName);
      results.set(id, {
        id,
        ok: true,
        stackName: stack.stackName,
        resources: Object.keys(artifact.template.Resources ?? {}).length,
        nag: 'clean',
      });
    } else if (mine.length) {
      results.set(id, { id, ok: false, stackName: stack.stackName, nag: mine });
    } else if (findings.size) {
      // Another stack's findings stopped the synth; this one validated clean but has no template.
      results.set(id, {
        id,
        ok: false,
        stackName: stack.stackName,
        nag: 'clean',
        error: 'template not written: another stack failed validation',
      });
    } else {
      results.set(id, { id, ok: false, stackName: stack.stackName, nag: 'not run', error: synthError });
    }
  }
  // Every id has its result: from the build's catch above, or from the loop over the stacks that built.
  return ids.map((id) => {
    const result = results.get(id);
    if (!result) throw new Error(`no synth result for ${id}`);
    return result;
  });
}

/** The unacknowledged findings in the validation report, by stack name. */
function readFindings(outdir: string, stacks: HavenStack[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const file = join(outdir, 'validation-report.json');
  if (!existsSync(file)) return out;
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  for (const plugin of report.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      const places = [
        ...(v.violatingConstructs ?? []).map((c) => c.constructPath ?? ''),
        ...(v.violatingResources ?? []).map((r) => `${r.templatePath ?? ''} ${r.resourceLogicalId ?? ''}`),
      ];
      for (const stack of stacks) {
        const at = places.find(
          (p) => p.startsWith(`${stack.stackName}/`) || p.includes(`${stack.stackName}.template.json`),
        );
        if (at)
          out.set(stack.stackName, [
            ...(out.get(stack.stackName) ?? []),
            `${v.ruleName} at ${at.replace(`${stack.stackName}/`, '')}`,
          ]);
      }
    }
  }
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const named = args.filter((a) => !a.startsWith('--'));
  const ids = named.length ? named : await listAssociationIds(root);
  if (!ids.length) {
    console.error('No association configs found in config/associations/');
    return 1;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'cdk.out-haven-all-'));
  const started = Date.now();
  try {
    const results = await synthAll(ids, outdir);
    console.log('');
    for (const r of results) {
      const nag =
        r.nag === 'clean'
          ? 'cdk-nag clean'
          : r.nag === 'not run'
            ? 'cdk-nag not run'
            : `cdk-nag: ${r.nag.length} unacknowledged`;
      const what = r.resources !== undefined ? `${r.resources} resources, ` : '';
      const status = r.ok ? 'ok  ' : r.nag === 'clean' ? 'skip' : 'FAIL';
      console.log(`${status} ${(r.stackName ?? r.id).padEnd(22)} ${what}${nag}${r.error ? `: ${r.error}` : ''}`);
      if (Array.isArray(r.nag)) for (const f of r.nag) console.log(`       ${f}`);
    }
    const failed = results.filter((r) => !r.ok);
    console.log(
      `\n${ids.length - failed.length} of ${ids.length} synthesised in ${((Date.now() - started) / 1000).toFixed(1)} s (one App, shared asset cache)`,
    );
    if (failed.length) console.error(`failed: ${failed.map((r) => r.id).join(', ')}`);
    if (keep) console.log(`cloud assembly: ${outdir}`);
    return failed.length ? 1 : 0;
  } finally {
    if (!keep) rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/**
 * Prints each Lambda's bundle size against its limit (lib/bundling.ts `bundleLimitBytes`: 600 KB, or
 * 300 KB for a function that neither seals nor opens fields), with the exact esbuild settings the stack
 * deploys (lib/bundling.ts), the association config built in (the largest of the five, so the figure is
 * the largest any stack deploys), the five largest packages of each from esbuild's metafile, and any
 * package its permissions do not call for. Exits non-zero when a bundle is over its limit or carries
 * such a package. Handlers not written yet are listed as missing.
 * Usage: `tsx scripts/bundle-sizes.ts [--json]`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import type { AssociationConfig } from '../functions/core/association.js';
import { listAssociationIds, loadAssociation } from '../lib/association-source.js';
import { bundleLimitBytes, esbuildOptions, unexpectedInputs } from '../lib/bundling.js';
import { HANDLERS, type HandlerSpec } from '../lib/handlers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** One handler's bundle: its bytes, limit, largest packages and unexpected ones; or missing, when its handler is not written yet. */
export type BundleSize =
  | {
      name: string;
      bytes: number;
      limitBytes: number;
      largest: { path: string; bytes: number }[];
      unexpected: string[];
      missing?: undefined;
    }
  | { name: string; missing: true };

/** The package (or project folder) an esbuild input path belongs to. */
export function packageOf(path: string): string {
  const names = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  const last = names?.[names.length - 1];
  if (last) return last.replace('node_modules/', '');
  return path.split('/').slice(0, 2).join('/');
}

/** The association whose config is the largest: what any stack's bundles weigh at most. */
export async function largestAssociation(): Promise<AssociationConfig> {
  const configs = await Promise.all((await listAssociationIds(root)).map((id) => loadAssociation(root, id)));
  const largest = configs.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
  if (!largest) throw new Error('no association config in config/associations/');
  return largest;
}

/** Bundles one handler in memory (as the stack does, with `config` built in): the .mjs, its source map and metafile. */
export async function bundle(
  h: HandlerSpec,
  config: AssociationConfig,
): Promise<{ code: string; map: string; meta: Metafile }> {
  const result = await build({ ...esbuildOptions(join(root, h.entry), config), absWorkingDir: root });
  const code = result.outputFiles?.find((f) => f.path.endsWith('.mjs'))?.text;
  const map = result.outputFiles?.find((f) => f.path.endsWith('.mjs.map'))?.text;
  if (code === undefined || map === undefined) throw new Error(`esbuild wrote no .mjs and map for ${h.name}`);
  return { code, map, meta: result.metafile as Metafile };
}

/** Bundles every handler in memory and measures it. */
export async function measure(config?: AssociationConfig): Promise<BundleSize[]> {
  const association = config ?? (await largestAssociation());
  const out: BundleSize[] = [];
  for (const h of HANDLERS) {
    if (!existsSync(join(root, h.entry))) {
      out.push({ name: h.name, missing: true });
      continue;
    }
    const { meta } = await bundle(h, association);
    const output = Object.entries(meta.outputs).find(([p]) => p.endsWith('.mjs'))?.[1];
    if (!output) throw new Error(`esbuild wrote no .mjs for ${h.name}`);
    const byPackage = new Map<string, number>();
    for (const [path, i] of Object.entries(output.inputs))
      byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + i.bytesInOutput);
    const largest = [...byPackage]
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    out.push({
      name: h.name,
      bytes: output.bytes,
      limitBytes: bundleLimitBytes(h.permissions),
      largest,
      unexpected: unexpectedInputs(h.permissions, Object.keys(output.inputs)),
    });
  }
  return out;
}

/** The bundles over their limit or carrying what their permissions do not call for, one line each. */
export function problems(sizes: readonly BundleSize[]): string[] {
  return sizes.flatMap((s) => {
    if (s.missing) return [];
    const over = s.bytes > s.limitBytes ? [`${s.name}: ${kb(s.bytes)} is over its ${kb(s.limitBytes)} limit`] : [];
    const extra = s.unexpected.length
      ? [`${s.name}: carries ${s.unexpected.join(', ')}, which its permissions do not use`]
      : [];
    return [...over, ...extra];
  });
}

async function main(): Promise<number> {
  const sizes = await measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
  } else {
    for (const s of sizes) {
      if (s.missing) {
        console.log(`${s.name.padEnd(14)} (no functions/${s.name}/handler.ts yet)`);
        continue;
      }
      const status = s.bytes > s.limitBytes || s.unexpected.length ? 'OVER' : 'ok  ';
      console.log(
        `${status} ${s.name.padEnd(14)} ${kb(s.bytes).padStart(10)} of ${kb(s.limitBytes).padStart(8)}   largest: ${s.largest.map((i) => `${i.path} ${kb(i.bytes)}`).join(', ')}`,
      );
    }
  }
  const found = problems(sizes);
  for (const p of found) console.error(p);
  return found.length ? 1 : 0;
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

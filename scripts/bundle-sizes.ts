/**
 * Prints each Lambda's bundle size with the exact esbuild settings the stack deploys (lib/bundling.ts),
 * and the five largest inputs of each, from esbuild's metafile. Handlers not written yet are listed
 * as missing. Usage: `tsx scripts/bundle-sizes.ts [--json]`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../lib/bundling.js';
import { HANDLERS } from '../lib/handlers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** One handler's bundle: total bytes of the .mjs and its largest inputs; or missing, when its handler is not written yet. */
export type BundleSize =
  | { name: string; bytes: number; largest: { path: string; bytes: number }[]; missing?: undefined }
  | { name: string; missing: true };

/** Bundles every handler in memory and measures it. */
export async function measure(): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const h of HANDLERS) {
    const entry = join(root, h.entry);
    if (!existsSync(entry)) {
      out.push({ name: h.name, missing: true });
      continue;
    }
    const result = await build({ ...esbuildOptions(entry), absWorkingDir: root });
    const meta = result.metafile as Metafile;
    const output = Object.entries(meta.outputs).find(([p]) => p.endsWith('.mjs'))?.[1];
    if (!output) throw new Error(`esbuild wrote no .mjs for ${h.name}`);
    const inputs = Object.entries(output.inputs)
      .map(([path, i]) => ({ path, bytes: i.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    out.push({ name: h.name, bytes: output.bytes, largest: inputs });
  }
  return out;
}

const sizes = await measure();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(sizes, null, 2));
} else {
  for (const s of sizes) {
    if (s.missing) {
      console.log(`${s.name.padEnd(14)} (no functions/${s.name}/handler.ts yet)`);
      continue;
    }
    console.log(
      `${s.name.padEnd(14)} ${kb(s.bytes).padStart(10)}   largest: ${s.largest.map((i) => `${i.path.replace(/^node_modules\//, '')} ${kb(i.bytes)}`).join(', ')}`,
    );
  }
}

import type { BuildOptions } from 'esbuild';

/**
 * esbuild settings shared by NodejsFunction (functions.ts) and scripts/bundle-sizes.ts, so the sizes
 * printed are the sizes deployed. ESM with a `require` shim: the AWS Encryption SDK does
 * `require('buffer')`, which a plain ESM bundle rejects ("Dynamic require of buffer").
 */
export const BUNDLE = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  /** Bundle SDK v3 clients too: pinned versions, not whatever the runtime ships. */
  externalModules: [] as string[],
} as const;

/** The same settings as raw esbuild options, for measuring a bundle outside CDK. */
export function esbuildOptions(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.externalModules],
    metafile: true,
    write: false,
    outfile: 'index.mjs',
    logLevel: 'silent',
  };
}

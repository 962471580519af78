import type { BuildOptions } from 'esbuild';
import { BUNDLED_ASSOCIATION_FORMAT } from '../functions/contract/bundled-association.js';
import { type AssociationConfig, parseAssociationConfig } from '../functions/core/association.js';
import type { Permission } from './handlers.js';

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
  /**
   * Replacements in the bundles only (tests and the local runtime load the packages themselves), each
   * relative to the project root (esbuild's working directory in both places):
   * - the SDK's default credential chain (~95 KB: SSO, ini, process, web identity, IMDS, the STS and SSO
   *   clients) by the environment's credentials, which is where Lambda puts the role's;
   * - the Encryption SDK umbrella's CommonJS build (no tree-shaking: every keyring, the branch keystore's
   *   DynamoDB client) by its own ES module build, so a bundle keeps what field-crypto.ts uses;
   * - asn1.js (~66 KB, only for signing suites' DER signatures and PEM keys) by a module that refuses,
   *   as Haven uses the non-signing committing suite only (functions/adapters/bundle/no-asn1.ts);
   * - the KMS client package, for the KMS keyring's one import of it (the aggregated `KMS` client, which
   *   carries every KMS command, ~24 KB), by the package's KMSClient with the keyring's three commands
   *   (functions/adapters/bundle/client-kms.mjs);
   * - readable-stream (~37 KB, Node 10's streams, under the Encryption SDK's streams) by Node's own
   *   `stream`, the swap the package itself offers (functions/adapters/bundle/readable-stream.ts);
   * - the SDK's event-stream support (~14 KB), which no operation of the bundled clients uses, by a module
   *   that refuses (functions/adapters/bundle/no-event-streams.ts);
   * - bn.js (~44 KB), of which the non-signing suite uses a frame's 8-byte content length, by that on
   *   BigInt (functions/adapters/bundle/bn.ts).
   * test/adapters/bundled-crypto.test.ts seals and opens from a built bundle; bundled-kms.test.ts runs
   * the bundled KMS keyring against a KMS endpoint it serves.
   */
  alias: {
    '@aws-sdk/credential-provider-node': './functions/adapters/bundle/credentials.ts',
    '@aws-crypto/client-node': './functions/adapters/bundle/encryption-sdk.ts',
    '@aws-crypto/kms-keyring-node': '@aws-crypto/kms-keyring-node/build/module/src/kms_keyring_node.js',
    'asn1.js': './functions/adapters/bundle/no-asn1.ts',
    '@aws-sdk/client-kms': './functions/adapters/bundle/client-kms.mjs',
    'readable-stream': './functions/adapters/bundle/readable-stream.ts',
    '@smithy/core/event-streams': './functions/adapters/bundle/no-event-streams.ts',
    'bn.js': './functions/adapters/bundle/bn.ts',
  } as Readonly<Record<string, string>>,
} as const;

/** The global functions/adapters/deployed-association.ts reads: the association's config, as JSON text. */
const ASSOCIATION_GLOBAL = '__HAVEN_ASSOCIATION__';

/**
 * The text a bundle carries as its association's config: `config` parsed here (schema checked, defaults
 * applied), as JSON, in the envelope functions/adapters/deployed-association.ts checks. Parsing at synth
 * means no Lambda carries the association schema or runs it at cold start.
 */
export function bundledAssociationText(config: AssociationConfig): string {
  const validated = parseAssociationConfig(config, `of association "${config.id}" (bundled at synth)`);
  return JSON.stringify({ format: BUNDLED_ASSOCIATION_FORMAT, config: validated });
}

/** The esbuild `define` that gives a bundle its one association's (validated) config. */
export function associationDefine(config: AssociationConfig): Record<string, string> {
  return { [ASSOCIATION_GLOBAL]: JSON.stringify(bundledAssociationText(config)) };
}

/** The aliases as NodejsFunction's `esbuildArgs` (`--alias:<package>=<replacement>`, one each). */
export function aliasArgs(): Record<string, string[]> {
  return { '--alias': Object.entries(BUNDLE.alias).map(([from, to]) => `${from}=${to}`) };
}

/** A bundle's size limit: 600 KB, or 300 KB for a function that neither seals nor opens fields. */
export function bundleLimitBytes(permissions: readonly Permission[]): number {
  const crypto = permissions.includes('fields:encrypt') || permissions.includes('fields:decrypt');
  return (crypto ? 600 : 300) * 1024;
}

/** The same settings as raw esbuild options, for measuring a bundle outside CDK. */
export function esbuildOptions(entry: string, config?: AssociationConfig): BuildOptions {
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
    alias: { ...BUNDLE.alias },
    ...(config ? { define: associationDefine(config) } : {}),
    metafile: true,
    write: false,
    outfile: 'index.mjs',
    logLevel: 'silent',
  };
}

/** Packages a bundle carries only with a permission that uses them (the rest of lambda-parts.ts's rule). */
const PACKAGES_BY_PERMISSION: readonly { packages: readonly string[]; needs: readonly Permission[] }[] = [
  {
    packages: ['@aws-crypto/', '@aws-sdk/client-kms', '@aws-sdk/client-secrets-manager'],
    needs: ['fields:encrypt', 'fields:decrypt'],
  },
  { packages: ['@aws-sdk/client-sesv2'], needs: ['mail:send'] },
  { packages: ['@aws-sdk/client-sns'], needs: ['alarm:raise'] },
  { packages: ['@aws-sdk/client-cognito-identity-provider'], needs: ['staff:list'] },
  {
    packages: ['@aws-sdk/client-sfn'],
    needs: [
      'workflow:start',
      'workflow:respond',
      'workflow:resume',
      'workflow:describe',
      'clocks:start',
      'clocks:stop',
      'clocks:describe',
    ],
  },
];

/** Never in a bundle: the default credential chain and its STS/SSO clients, and the config of every association. */
const NEVER = ['@aws-sdk/credential-provider-node', '@aws-sdk/nested-clients', 'asn1.js', 'config/associations/'];

/**
 * What a bundle's inputs (esbuild metafile paths) hold that its permissions do not call for: one line per
 * package, empty when the bundle carries only what it uses.
 */
export function unexpectedInputs(permissions: readonly Permission[], inputs: readonly string[]): string[] {
  const refused = [
    ...NEVER,
    ...PACKAGES_BY_PERMISSION.filter((r) => !r.needs.some((p) => permissions.includes(p))).flatMap((r) => r.packages),
  ];
  const found = new Set<string>();
  for (const input of inputs) for (const r of refused) if (input.includes(r)) found.add(r);
  return [...found].sort();
}

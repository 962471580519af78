/**
 * The layering arrows of ARCHITECTURE.md, enforced in `npm test`:
 * core → core and zod; adapters → core, contract, adapters; a Lambda's folder → core and adapters,
 * never another Lambda's; nothing → local/; lib/ → core's schemas, config and the contract, never
 * runtime adapters or handlers; local/ → handlers, adapters, core and lib's route list.
 */
const HANDLER = '^functions/(?!core/|adapters/|contract/)([^/]+)/';

/** One forbidden arrow: its name, why, and the imports it refuses. */
const arrow = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    arrow(
      'core-is-pure',
      'functions/core is the domain: it imports only itself and zod (no AWS, no node:, no I/O).',
      { path: '^functions/core/' },
      { pathNot: ['^functions/core/', '^node_modules/zod/'] },
    ),
    arrow(
      'contract-is-neutral',
      'functions/contract is plain data that lib/ and the adapters share: it imports nothing but itself.',
      { path: '^functions/contract/' },
      { pathNot: '^functions/contract/' },
    ),
    arrow(
      'adapters-below-handlers',
      'Adapters talk to AWS for the handlers: they may use core, the contract and config, never a handler, lib or local.',
      { path: '^functions/adapters/' },
      { path: ['^lib/', '^local/', '^bin/', HANDLER] },
    ),
    arrow(
      'no-handler-to-handler',
      "A Lambda's folder imports core and adapters, never another Lambda's code.",
      { path: HANDLER },
      { path: HANDLER, pathNot: '^functions/$1/' },
    ),
    arrow(
      'handlers-not-lib',
      'Handlers never import the CDK app.',
      { path: '^functions/' },
      { path: ['^lib/', '^bin/'] },
    ),
    arrow(
      'nothing-imports-local',
      'local/ is the embedded runtime: only tests import it.',
      { pathNot: ['^local/', '^test/'] },
      { path: '^local/' },
    ),
    arrow(
      'local-uses-lib-contract-only',
      'local/ wires handlers to local engines: of lib/ it reads only the route list the stack deploys (lib/handlers.ts).',
      { path: '^local/' },
      { path: ['^lib/', '^bin/'], pathNot: '^lib/handlers\\.ts$' },
    ),
    arrow(
      'lib-no-runtime',
      'lib/ knows handler entry paths and the ASL files, never their code: core schemas, config and the contract only.',
      { path: ['^lib/', '^bin/'] },
      { path: ['^functions/adapters/', HANDLER] },
    ),
    arrow('no-circular', 'A cycle makes two modules one: split out what both need.', {}, { circular: true }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

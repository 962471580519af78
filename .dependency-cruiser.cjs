/**
 * The layering arrows of ARCHITECTURE.md, enforced in `npm test`:
 * core → core and zod; adapters → core, contract, adapters; a Lambda's folder → core and adapters,
 * never another Lambda's; nothing → local/; lib/ → core's schemas, config and the contract, never
 * runtime adapters or handlers; local/ → handlers, adapters, core and lib's route list.
 */
const HANDLER = '^functions/(?!core/|adapters/|contract/)([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'functions/core is the domain: it imports only itself and zod (no AWS, no node:, no I/O).',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: { pathNot: ['^functions/core/', '^node_modules/zod/'] },
    },
    {
      name: 'contract-is-neutral',
      comment: 'functions/contract is plain data that lib/ and the adapters share: it imports nothing but itself.',
      severity: 'error',
      from: { path: '^functions/contract/' },
      to: { pathNot: '^functions/contract/' },
    },
    {
      name: 'adapters-below-handlers',
      comment:
        'Adapters talk to AWS for the handlers: they may use core, the contract and config, never a handler, lib or local.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: ['^lib/', '^local/', '^bin/', HANDLER] },
    },
    {
      name: 'no-handler-to-handler',
      comment: "A Lambda's folder imports core and adapters, never another Lambda's code.",
      severity: 'error',
      from: { path: HANDLER },
      to: { path: HANDLER, pathNot: '^functions/$1/' },
    },
    {
      name: 'handlers-not-lib',
      comment: 'Handlers never import the CDK app.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: ['^lib/', '^bin/'] },
    },
    {
      name: 'nothing-imports-local',
      comment: 'local/ is the embedded runtime: only tests import it.',
      severity: 'error',
      from: { pathNot: ['^local/', '^test/'] },
      to: { path: '^local/' },
    },
    {
      name: 'local-uses-lib-contract-only',
      comment:
        'local/ wires handlers to local engines: of lib/ it reads only the route list the stack deploys (lib/handlers.ts).',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: ['^lib/', '^bin/'], pathNot: '^lib/handlers\\.ts$' },
    },
    {
      name: 'lib-no-runtime',
      comment:
        'lib/ knows handler entry paths and the ASL files, never their code: core schemas, config and the contract only.',
      severity: 'error',
      from: { path: ['^lib/', '^bin/'] },
      to: { path: ['^functions/adapters/', HANDLER] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
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

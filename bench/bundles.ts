/**
 * Lambda bundles (issue 15 item 1): each handler bundled as the stack deploys it (scripts/bundle-sizes.ts,
 * lib/bundling.ts, the largest association config built in) and written out as index.mjs, then:
 * - its size against its limit (600 KB, 300 KB for a function that neither seals nor opens fields);
 * - the median `import()` of it over BENCH_BUNDLE_RUNS (default 7) fresh Node processes, each importing
 *   the .mjs once (goal <= 100 ms): module evaluation only, no handler call;
 * - a "Lambda-like init", median over the same number of fresh processes: import, then the first handler
 *   call, whose dependencies build their SDK clients and make the first request to a local dynalite table
 *   (a real DynamoDB round trip on loopback, no KMS or Secrets Manager: the field key is a local key file,
 *   so a function with `fields:*` loads the Encryption SDK but wraps keys with raw AES, not KMS). Step
 *   Functions, SES and SNS clients are built where the permissions give them but not called.
 * - where the init time goes: one further process under `--cpu-prof`, self time summed by package.
 * Figures from a shared two-core machine are noisy: compare medians, not single runs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleLimitBytes } from '../lib/bundling.js';
import { HANDLERS, type HandlerSpec } from '../lib/handlers.js';
import { bundle, largestAssociation, packageOf } from '../scripts/bundle-sizes.js';
import { startTestTable } from '../test/support/dynalite.js';
import type { BenchFigure } from './figure.js';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 7);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The first call each handler gets: a valid task input for a case that does not exist, or an HTTP request. */
function firstEvent(h: HandlerSpec, associationId: string): unknown {
  const caseId = '00000000-0000-4000-8000-000000000000';
  const clock = { caseId, associationId, key: 'initialContact', tier: 0, at: '2026-12-01T09:00:00.000Z' };
  const tasks: Record<string, unknown> = {
    triage: { caseId, associationId },
    'await-change': { caseId, seen: 0, token: 'token' },
    'check-clock': clock,
    escalate: clock,
    'close-case': { caseId, associationId },
    'record-fault': { caseId, associationId, stage: 'triage' },
    sweep: { caseIds: [caseId] },
  };
  if (h.name in tasks) return tasks[h.name];
  const route = h.routes?.[0];
  const method = route?.method === 'ANY' ? 'GET' : (route?.method ?? 'GET');
  const path = (route?.path ?? '/').replace(/\{[^}]+\}/g, caseId);
  const claims = { sub: 'manager-1', 'cognito:groups': 'manager' };
  return {
    version: '2.0',
    routeKey: `${method} ${route?.path ?? '/'}`,
    rawPath: path,
    rawQueryString: h.name === 'figures' ? 'from=2026-01-01&to=2026-01-31' : '',
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    ...(h.name === 'figures' ? { queryStringParameters: { from: '2026-01-01', to: '2026-01-31' } } : {}),
    ...(method === 'POST' ? { body: '{}' } : {}),
    requestContext: {
      http: { method, path, sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      authorizer: { jwt: { claims } },
    },
    isBase64Encoded: false,
  };
}

/** The child: import the bundle (and, with an event, call its handler once); prints the times in ms. */
const CHILD = `
const t0 = performance.now();
const mod = await import(process.env.BENCH_BUNDLE);
const imported = performance.now() - t0;
let called;
if (process.env.BENCH_EVENT) {
  await mod.handler(JSON.parse(process.env.BENCH_EVENT), {}).catch(() => undefined);
  called = performance.now() - t0;
}
process.stdout.write(JSON.stringify({ imported, called }));
`;

/**
 * The Node options a deployed function runs with (lib/handlers.ts: NODE_OPTIONS=--enable-source-maps, so
 * its source map is read at load), in place of this process's own: run under tsx, NODE_OPTIONS carries
 * tsx's loader, which would put every child's import of the .mjs through its hooks.
 */
const DEPLOYED_NODE_OPTIONS = '--enable-source-maps';

async function child(file: string, env: Record<string, string>, args: string[] = []) {
  const { stdout } = await run(process.execPath, [...args, '--input-type=module', '-e', CHILD], {
    env: { ...process.env, NODE_OPTIONS: DEPLOYED_NODE_OPTIONS, ...env, BENCH_BUNDLE: file },
    maxBuffer: 1 << 20,
  });
  // Logger lines go to stdout too: the times are the last line.
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last.slice(last.lastIndexOf('{"imported"'))) as { imported: number; called?: number };
}

/**
 * Self time of a .cpuprofile summed by package: frames in the bundle are mapped back through its source
 * map (node:module SourceMap) to the package they came from; others by file (`node:` internals) or as
 * native time (GC, compiling, idle while the first request is in flight).
 */
function profileByPackage(file: string, bundleFile: string): [string, number][] {
  type Node = { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number } };
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
  const self = new Map<number, number>();
  for (const [i, id] of prof.samples.entries()) self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const out = new Map<string, number>();
  for (const n of prof.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    const { url, lineNumber, columnNumber } = n.callFrame;
    let key = url ? url.replace(/^file:.*\//, '') : '(native: GC, compile, idle)';
    if (url.endsWith('index.mjs')) {
      const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string };
      key = entry.originalSource ? packageOf(entry.originalSource) : 'bundle (unmapped)';
    }
    out.set(key, (out.get(key) ?? 0) + us / 1000);
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

export async function figures(): Promise<BenchFigure[]> {
  const config = await largestAssociation();
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-bundles-'));
  const table = await startTestTable();
  const out: BenchFigure[] = [];
  try {
    const keyFile = join(dir, 'keys.json');
    const env = {
      ASSOCIATION_ID: config.id,
      TABLE_NAME: table.tableName,
      DYNAMODB_ENDPOINT: table.endpoint,
      KEY_FILE: keyFile,
      CONSOLE_URL: 'https://console.haven.example.org',
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    for (const h of HANDLERS) {
      const { code, map } = await bundle(h, config);
      const folder = join(dir, h.name);
      mkdirSync(folder);
      const file = join(folder, 'index.mjs');
      writeFileSync(file, code);
      writeFileSync(`${file}.map`, map);
      const limit = bundleLimitBytes(h.permissions) / 1024;
      out.push({
        name: `${h.name} bundle`,
        value: Math.round(Buffer.byteLength(code) / 102.4) / 10,
        unit: 'KB',
        goal: { op: '<=', value: limit },
        conditions: `index.mjs as deployed (minified, ${config.id}'s config); limit by permissions: ${h.permissions.join(' ')}`,
      });
      const imports: number[] = [];
      const inits: number[] = [];
      const event = JSON.stringify(firstEvent(h, config.id));
      for (let i = 0; i < RUNS; i++) imports.push((await child(file, env)).imported);
      for (let i = 0; i < RUNS; i++)
        inits.push((await child(file, { ...env, BENCH_EVENT: event })).called ?? Number.NaN);
      out.push({
        name: `${h.name} import()`,
        value: Math.round(median(imports) * 10) / 10,
        unit: 'ms',
        goal: { op: '<=', value: 100 },
        conditions: `median of ${RUNS} fresh Node ${process.versions.node} processes, each importing the .mjs once`,
      });
      const profDir = join(folder, 'prof');
      await child(file, { ...env, BENCH_EVENT: event }, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
      const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      const where = prof
        ? profileByPackage(join(profDir, prof), file)
            .map(([k, ms]) => `${k} ${ms.toFixed(0)} ms`)
            .join(', ')
        : 'no profile written';
      out.push({
        name: `${h.name} Lambda-like init`,
        value: Math.round(median(inits) * 10) / 10,
        unit: 'ms',
        conditions: `import + first call (clients built, first DynamoDB request to dynalite on loopback; raw-AES key file, no KMS), median of ${RUNS}; self time: ${where}`,
      });
    }
  } finally {
    await table.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * The all-in AWS cost of a case: the typical case of bench/transitions.ts (and the worst case modelled)
 * run on the same rig (real ASL, handlers, dynalite, the SES mock, virtual time), counting what AWS would
 * bill — state transitions, each Lambda invocation and its wall time, DynamoDB request units
 * (bench/dynamo-units.ts), seals and opens (KMS), emails, alarms — priced at eu-west-2 list prices
 * (bench/aws-prices.ts) by bench/cost-model.ts.
 *
 * What the rig does not run is modelled and said so: intake is the repository's createCase and
 * StartExecution (timed as the intake Lambda); each officer command is preceded by two console views
 * (caseload, then the case) and is itself one request, each a `cases` Lambda invocation through API
 * Gateway, timed around the same repository calls those routes make. Wall time on this machine is a
 * proxy for Lambda duration (arm64, the configured memory); a new container is counted when a function
 * was idle 10 virtual minutes, and pays one GetSecretValue (the link key) and its KMS Decrypt.
 */

import { tableDefinition } from '../functions/contract/table-layout.js';
import { HANDLERS } from '../lib/handlers.js';
import { type Bench, type BenchProbes, startBench } from '../test/workflow/harness.js';
import { PRICES } from './aws-prices.js';
import { billedMs, type CaseUse, type CostLine, caseCost, type LambdaUse, total } from './cost-model.js';
import { type DynamoCount, meterDynamo } from './dynamo-units.js';
import type { BenchFigure } from './figure.js';
import { typical, worst } from './transitions.js';

/** The yearly case volume the monthly fees and the sweep are spread over. */
const CASES_PER_YEAR = 1000;
/**
 * Per association: the case table's key and the field key; the link-key secret; the public API's web ACL
 * and its 5 rules (through-cloudfront, rate-per-ip, body-size, and 2 managed rule groups: lib/public-api.ts).
 */
const SHARED = { casesPerYear: CASES_PER_YEAR, kmsKeys: 2, secrets: 1, wafAcls: 1, wafRules: 5 };
/**
 * Assumed, not measured: the reporter's visit through CloudFront. `/` (redirected by the site-routes
 * function), the form page GET /report and its 3 assets (haven.css, haven.mjs, js-enabled.js, from S3
 * through the function), the report POST: 6 CloudFront requests, 4 function runs, 2 REST API requests
 * (each through the web ACL); ~25 KB to the viewer (form page ~10 KB, assets ~10 KB, answers).
 */
const REPORT_VISIT = { cloudfront: 6, functions: 4, restApi: 2, bytes: 25 * 1024 };
/**
 * Assumed, not measured: one console page view (the staff API is called directly, not through CloudFront):
 * the shell, its stylesheet, config.json and its 27 modules, each requested (revalidated when cached), all
 * through the default behaviour's function; ~70 KB (the 211 KB of files, compressed about 3:1), as if no
 * browser cache held them.
 */
const CONSOLE_VIEW = { cloudfront: 30, functions: 30, bytes: 70 * 1024 };
/** Console page views per officer command: the caseload, then the case. */
const VIEWS_PER_COMMAND = 2;
/** Billed INIT of a cold start: the slowest bundle import() the issue measured (bench/bundles.ts measures today's). */
const INIT_MS = 233;
/** Lambda's START, END and REPORT lines (~110 bytes each, plus 26 bytes of CloudWatch overhead). */
const LOG_BYTES_PER_INVOCATION = 3 * (110 + 26);
const IDLE_MS = 10 * 60_000;
const SWEEPS_PER_YEAR = (365 * 24 * 60) / 15;
const OFFICER = { sub: 'o1', role: 'officer' };

interface Invocation {
  fn: string;
  ms: number;
  at: number;
}

/** Counts and times what one rig does. */
function recorder() {
  const calls: Invocation[] = [];
  const crypto = { seals: 0, opens: 0 };
  let taskMs = 0;
  let bench: Bench | undefined;
  const at = () => bench?.engine.now().getTime() ?? 0;
  const fnOf = new Map(HANDLERS.flatMap((h) => (h.workflowTask ? [[h.workflowTask.substitution, h.name]] : [])));
  let dynamo: DynamoCount | undefined;
  /** Time that is not the function's own: the tasks that ran inside an API call, and the meter's reads. */
  const elsewhere = () => taskMs + (dynamo?.overheadMs ?? 0);
  const probes: BenchProbes = {
    client: (client) => {
      dynamo = meterDynamo(client as never, tableDefinition('bench'));
    },
    crypto: (c) => ({
      seal: (value, context) => {
        crypto.seals += 1;
        return c.seal(value, context);
      },
      open: (sealed, context) => {
        crypto.opens += 1;
        return c.open(sealed, context);
      },
      hmac: (text) => c.hmac(text),
    }),
    handlers: (handlers) =>
      Object.fromEntries(
        Object.entries(handlers).map(([substitution, handler]) => [
          substitution,
          async (event: unknown, context?: unknown) => {
            const start = performance.now();
            const metered = dynamo?.overheadMs ?? 0;
            const when = at();
            try {
              return await handler(event, context);
            } finally {
              const own = performance.now() - start - ((dynamo?.overheadMs ?? 0) - metered);
              taskMs += own;
              calls.push({ fn: fnOf.get(substitution) ?? substitution, ms: own, at: when });
            }
          },
        ]),
      ),
  };
  /** Times `work` as one invocation of `fn`, less any task that ran inside it. */
  const api = async <T>(fn: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const before = elsewhere();
    const when = at();
    try {
      return await work();
    } finally {
      calls.push({ fn, ms: performance.now() - start - (elsewhere() - before), at: when });
    }
  };
  return {
    probes,
    api,
    calls,
    crypto,
    attach: (b: Bench) => {
      bench = b;
    },
    dynamo: () => {
      if (!dynamo) throw new Error('the DynamoDB meter was not attached');
      return dynamo;
    },
  };
}

/** The bench with intake and the officer's console timed as their Lambdas: `scenario` runs unchanged over it. */
function measured(bench: Bench, rec: ReturnType<typeof recorder>): { bench: Bench; commands: () => number } {
  let commands = 0;
  // Each scenario opens one case of one association: its repository is the only one.
  const repoOf = (caseId: string) => {
    const [repo, ...more] = bench.repos.values();
    if (!repo || more.length > 0) throw new Error(`case ${caseId}: expected exactly one association's repository`);
    return { repo };
  };
  const wrapped: Bench = Object.create(bench);
  wrapped.openCase = async (associationId, options = {}) => {
    const c = await rec.api('intake', async () => {
      const created = await bench.openCase(associationId, { ...options, noStart: true });
      await bench.engine.workflowClient.startCase(created.caseId, associationId);
      return created;
    });
    await bench.engine.idle();
    return c;
  };
  wrapped.change = async (caseId, mutate) => {
    const { repo } = repoOf(caseId);
    commands += 1;
    await rec.api('cases', () => repo.listOpenCases({ limit: 50 }));
    // GET /api/cases/{id} (read.ts): the summary, the audited read, the timeline; the officer keeps its version.
    const version = await rec.api('cases', async () => {
      await repo.getSummary(caseId);
      const read = await repo.getCase(caseId, OFFICER);
      await repo.listEvents(caseId);
      return read.version;
    });
    // POST /api/cases/{id}/{command} (command.ts): the summary, one conditional update at that version, the signal.
    await rec.api('cases', async () => {
      await repo.getSummary(caseId);
      await repo.updateCase(caseId, version, (c) => {
        mutate(c.state);
        return c;
      });
      await bench.engine.workflowClient.signalChange(caseId);
    });
    await bench.engine.idle();
  };
  return { bench: wrapped, commands: () => commands };
}

const memoryOf = (fn: string) => HANDLERS.find((h) => h.name === fn)?.memoryMb ?? 512;
const usesFieldKey = (fn: string) =>
  HANDLERS.find((h) => h.name === fn)?.permissions.some((p) => p === 'fields:encrypt' || p === 'fields:decrypt') ??
  false;

/** Lambda use per function: invocations, billed ms, and new containers (idle over 10 virtual minutes). */
function lambdaUse(calls: readonly Invocation[]): LambdaUse[] {
  const byFn = new Map<string, Invocation[]>();
  for (const c of calls) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);
  return [...byFn].map(([name, list]) => {
    const times = list.map((c) => c.at).sort((a, b) => a - b);
    const coldStarts = times.filter((t, i) => i === 0 || t - (times[i - 1] ?? 0) > IDLE_MS).length;
    return {
      name,
      memoryMb: memoryOf(name),
      invocations: list.length,
      billedMs: billedMs(list.map((c) => c.ms)),
      coldStarts,
    };
  });
}

interface Run {
  label: string;
  use: CaseUse;
  lines: CostLine[];
  commands: number;
  dynamoRequests: number;
  dynamo: DynamoCount;
}

async function run(label: string, scenario: (b: Bench) => Promise<{ transitions: number; emails: number }>) {
  const rec = recorder();
  const bench = await startBench(new Date('2026-06-01T09:00:00Z'), { probes: rec.probes });
  rec.attach(bench);
  try {
    const m = measured(bench, rec);
    const counted = await scenario(m.bench);
    const caseDynamo = { ...rec.dynamo(), requests: { ...rec.dynamo().requests } };
    const caseCalls = rec.calls.length;
    // One sweep run (no open case left): its share of a year's runs, spread over the year's cases.
    await rec.api('sweep', () => bench.sweep());
    const d = rec.dynamo();
    const share = SWEEPS_PER_YEAR / CASES_PER_YEAR;
    const sweep = lambdaUse(rec.calls.slice(caseCalls)).map((l) => ({
      ...l,
      invocations: l.invocations * share,
      billedMs: l.billedMs * share,
      coldStarts: l.coldStarts * share,
    }));
    const lambdas = [...lambdaUse(rec.calls.slice(0, caseCalls)), ...sweep];
    const containers = lambdas.filter((l) => usesFieldKey(l.name)).reduce((s, l) => s + l.coldStarts, 0);
    const invocations = lambdas.reduce((s, l) => s + l.invocations, 0);
    const alarms = bench.alarms.length;
    const use: CaseUse = {
      transitions: counted.transitions,
      lambdas,
      initMs: INIT_MS,
      rru: caseDynamo.rru + (d.rru - caseDynamo.rru) * share,
      wru: caseDynamo.wru + (d.wru - caseDynamo.wru) * share,
      // GenerateDataKey per seal, Decrypt per open, and the link key's Decrypt in each new container.
      kmsRequests: rec.crypto.seals + rec.crypto.opens + containers,
      secretsCalls: containers,
      emails: counted.emails - alarms,
      snsPublishes: alarms,
      snsEmails: alarms,
      staffApiRequests: m.commands() * 3,
      publicApiRequests: REPORT_VISIT.restApi,
      cloudfrontRequests: REPORT_VISIT.cloudfront + m.commands() * VIEWS_PER_COMMAND * CONSOLE_VIEW.cloudfront,
      cloudfrontFunctionRuns: REPORT_VISIT.functions + m.commands() * VIEWS_PER_COMMAND * CONSOLE_VIEW.functions,
      cloudfrontBytes: REPORT_VISIT.bytes + m.commands() * VIEWS_PER_COMMAND * CONSOLE_VIEW.bytes,
      logBytes: invocations * LOG_BYTES_PER_INVOCATION,
    };
    const dynamoRequests = Object.values(caseDynamo.requests).reduce((s, n) => s + n, 0);
    return {
      label,
      use,
      lines: caseCost(use, SHARED, PRICES),
      commands: m.commands(),
      dynamoRequests,
      dynamo: caseDynamo,
    } satisfies Run;
  } finally {
    await bench.stop();
  }
}

const round = (n: number) => Number(n.toPrecision(3));

/** Each line's share of the total, biggest first, lines under 0.1 % left out. */
function shares(lines: readonly CostLine[]): string {
  const all = total(lines);
  return [...lines]
    .filter((l) => l.usd / all >= 0.001)
    .sort((a, b) => b.usd - a.usd)
    .map((l) => `${l.item} ${round((100 * l.usd) / all)} %`)
    .join(', ');
}

/** How the DynamoDB units were counted, and what was not priced (so nothing drops out unseen). */
function dynamoBasis(d: DynamoCount): string {
  const unpriced = Object.entries(d.unpriced).map(([name, n]) => `${n} ${name}`);
  return `reads: ${d.readsMeasured} by the units dynalite reported (items read before filter and projection), ${d.readsEstimated} estimated (ScannedCount × average item returned); Queries read ${d.queryScanned} items, returned ${d.queryReturned}; ${d.batchWrites} batch puts/deletes priced as single writes (${round(d.indexWru)} of the WRU are index entries); unpriced requests: ${unpriced.length ? unpriced.join(', ') : 'none'}`;
}

/** The cost of the typical case item by item, its total, per 1,000 cases a year, and the worst case's total. */
export async function figures(): Promise<BenchFigure[]> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
  const typicalRun = await run('typical', typical);
  const worstRun = await run('worst', worst);
  const u = typicalRun.use;
  const lambdaSummary = u.lambdas
    .map((l) => `${l.name} ${round(l.invocations)}× ${round(l.billedMs)} ms @${l.memoryMb} MB`)
    .join(', ');
  const items: BenchFigure[] = typicalRun.lines.map((l) => ({
    name: `cost per typical case: ${l.item}`,
    value: l.usd,
    unit: 'USD',
    conditions: `${round(l.quantity)} × ${l.unit}`,
  }));
  const lines = typicalRun.lines;
  return [
    ...items,
    {
      name: 'cost per typical case: total',
      value: total(lines),
      unit: 'USD',
      conditions: `eu-west-2 list prices (bench/aws-prices.ts), no free tier; ${u.transitions} transitions, ${typicalRun.dynamoRequests} DynamoDB requests (${round(u.wru)} WRU, ${round(u.rru)} RRU), ${u.kmsRequests} KMS, ${u.emails} emails; ${u.staffApiRequests} staff HTTP API requests (3 per officer command × ${typicalRun.commands}); ${u.publicApiRequests} report REST API requests, each through the web ACL (the form page and the POST; the form page's report-form invocation is not timed, so not in the Lambda lines); CloudFront (assumed): ${u.cloudfrontRequests} requests, ${round(u.cloudfrontBytes / 1024)} KB (a report visit of ${REPORT_VISIT.cloudfront} requests and ${REPORT_VISIT.bytes / 1024} KB, ${VIEWS_PER_COMMAND} console views per command of ${CONSOLE_VIEW.cloudfront} requests and ${CONSOLE_VIEW.bytes / 1024} KB each, no browser cache); DynamoDB ${dynamoBasis(typicalRun.dynamo)}; Lambda (local wall time as proxy): ${lambdaSummary}; shares: ${shares(lines)}`,
    },
    {
      name: 'cost per typical case: what it uses (total less the monthly key, secret and WAF fees)',
      value: total(lines.filter((l) => !/^(KMS keys|Secrets|WAF web ACLs|WAF rules) \(/.test(l.item))),
      unit: 'USD',
      conditions: 'grows with the cases; the key, secret and WAF fees are per association, whatever its caseload',
    },
    {
      name: `cost of ${CASES_PER_YEAR.toLocaleString('en-GB')} typical cases a year`,
      value: total(lines) * CASES_PER_YEAR,
      unit: 'USD',
      conditions: 'the typical case × 1,000, monthly fees and the 15-minute sweep included',
    },
    {
      name: 'cost per worst modelled case: total',
      value: total(worstRun.lines),
      unit: 'USD',
      conditions: `${worstRun.use.transitions} transitions, ${worstRun.dynamoRequests} DynamoDB requests, ${worstRun.use.emails} emails, ${worstRun.use.staffApiRequests} staff API requests, ${worstRun.use.publicApiRequests} report API requests, ${worstRun.use.cloudfrontRequests} CloudFront requests (assumed as for the typical case); DynamoDB ${dynamoBasis(worstRun.dynamo)}; shares: ${shares(worstRun.lines)}`,
    },
  ];
}

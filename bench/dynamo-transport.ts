/**
 * CPU per DynamoDB request on the embedded stack: GetItem, PutItem and Query through the document
 * client to dynalite in its thread (local/dynalite.ts), once over loopback HTTP (an authorised
 * client of the guarded port) and once over the in-process transport Haven's own clients use
 * (local/dynalite-port.ts). CPU is read per thread from /proc (Linux): the caller's (this main
 * thread: SDK, marshalling, transport), dynalite's thread, and the rest of the process (LevelDB's
 * and V8's helper threads). Requests go one after another, so the figures are CPU, not waiting.
 * Sizes: HAVEN_BENCH_REQUESTS (1,000 per operation and path).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedTable } from '../test/support/embedded-dynalite.js';
import type { BenchFigure } from './figure.js';

const REQUESTS = Number(process.env.HAVEN_BENCH_REQUESTS ?? 1000);
const TABLE = 'Haven-bench-transport';

/** CPU ms (user + system) each thread of this process has used, by thread id (100 Hz ticks). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // a helper thread that ended in between
    }
  }
  return out;
}

/** A case-like item: keys, a few index keys and ~1 KB of (already encrypted, here random) fields. */
const item = (pk: string, n: number) => ({
  pk,
  sk: `EVENT#${String(n).padStart(6, '0')}`,
  openPk: 'OPEN#bench',
  dueSk: `2026-12-02T00:00:${String(n % 60).padStart(2, '0')}Z`,
  version: n,
  kind: 'report',
  fields: Buffer.alloc(700, n % 251).toString('base64'),
  flags: ['danger', 'children'],
  counts: { contact: n % 7, attempts: n % 3 },
});

interface Split {
  caller: number;
  dynalite: number;
  other: number;
}

/** CPU µs per request of `op`, run REQUESTS times, split by thread. */
async function measure(dynaliteThreads: ReadonlySet<string>, op: (i: number) => Promise<unknown>): Promise<Split> {
  for (let i = 0; i < 50; i++) await op(i); // warm: JIT, caches
  const before = threadCpuMs();
  const total = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) await op(i);
  const used = process.cpuUsage(total);
  const after = threadCpuMs();
  const delta = (tid: string) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  // dynalite's JS thread is the busiest of the threads its start added.
  const dynaliteMs = Math.max(0, ...[...dynaliteThreads].map(delta));
  const callerMs = delta(String(process.pid));
  const totalMs = (used.user + used.system) / 1000;
  const per = (ms: number) => Math.round((ms * 1000) / REQUESTS);
  return { caller: per(callerMs), dynalite: per(dynaliteMs), other: per(Math.max(0, totalMs - callerMs - dynaliteMs)) };
}

type Send = (command: GetCommand | PutCommand | QueryCommand) => Promise<unknown>;

/** The three ways measured, each with its own partition key. */
const OPS: [string, (send: Send, pk: string, i: number) => Promise<unknown>][] = [
  ['PutItem', (send, pk, i) => send(new PutCommand({ TableName: TABLE, Item: item(pk, i % 200) }))],
  ['GetItem', (send, pk, i) => send(new GetCommand({ TableName: TABLE, Key: { pk, sk: item(pk, i % 200).sk } }))],
  [
    'Query (5 items)',
    (send, pk, i) =>
      send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': pk, ':from': item(pk, i % 195).sk },
          Limit: 5,
        }),
      ),
  ],
];

export async function figures(): Promise<BenchFigure[]> {
  const threadsBefore = new Set(threadCpuMs().keys());
  const table = await startEmbeddedTable(TABLE);
  const dynaliteThreads = new Set([...threadCpuMs().keys()].filter((t) => !threadsBefore.has(t)));
  const http = table.overHttp();
  const port = table.overPort();
  // A send with options takes the SDK's usual path (its stack rebuilt per send), as before the port's own.
  const paths: [string, Send][] = [
    ['loopback HTTP (as before)', (c) => http.send(c as GetCommand)],
    ['the in-process port, stack rebuilt per send', (c) => port.send(c as GetCommand, {})],
    ['the in-process port, stack resolved once (as Haven now)', (c) => port.send(c as GetCommand)],
  ];
  const out: BenchFigure[] = [];
  try {
    for (const [name, op] of OPS) {
      for (const [path, send] of paths) {
        const s = await measure(dynaliteThreads, (i) => op(send, `CASE#${path}`, i));
        out.push({
          name: `${name} over ${path}: CPU per request`,
          value: s.caller + s.dynalite + s.other,
          unit: 'µs',
          conditions: `caller's thread ${s.caller} µs, dynalite's thread ${s.dynalite} µs, other threads ${s.other} µs; ${REQUESTS} requests one after another, ~1 KB items`,
        });
      }
    }
  } finally {
    http.destroy();
    port.destroy();
    await table.stop();
  }
  return out;
}

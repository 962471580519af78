import { mkdirSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../functions/contract/table-layout.js';
import { type DynaliteTransport, portTransport } from './dynalite-port.js';
import { newPrivateSecret, type PrivateAccess, privateAccess } from './private-endpoint.js';

/** A running dynalite (Haven's own process only: private-endpoint.ts, dynalite-port.ts) and a client for it. */
export interface LocalDynamo {
  endpoint: string;
  /** How a client of the TCP `endpoint` is let in (every one must be authorised). */
  access: PrivateAccess;
  /**
   * Haven's own way in: an SDK request handler (`requestHandler`) that reaches dynalite's thread over
   * a MessagePort, without a socket or the secret (dynalite-port.ts). Shared: a client's destroy() leaves it open.
   */
  transport: DynaliteTransport;
  /** A client over `transport`. */
  client: DynamoDBClient;
  /** Whether dynalite answers. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts dynalite on a free loopback port in a worker thread (dynalite-worker.ts: its own event loop,
 * so the database and the handlers share the load over two cores), persisting to `path` (LevelDB on
 * disk) so a restart keeps cases; it answers only requests carrying this start's secret (`access`).
 */
export async function startDynalite(path: string): Promise<LocalDynamo> {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const secret = newPrivateSecret();
  const channel = new MessageChannel();
  const worker = new Worker(workerSource(), {
    eval: true,
    workerData: { path, secret, requests: channel.port2 },
    transferList: [channel.port2],
  });
  const requests = portTransport(channel.port1);
  const port = await listening(worker).catch(async (e: unknown) => {
    requests.close('ECONNREFUSED');
    await worker.terminate();
    throw e;
  });
  // A failure after the start shows as dynalite not answering (healthy(), the store's typed errors):
  // what was waiting fails as over a dropped connection. It is said once on stderr, by class only.
  let exited = false;
  let closing = false;
  worker.on('error', (e: Error) => console.error(`haven: dynalite's thread failed (${e.name})`));
  worker.once('exit', (code) => {
    exited = true;
    // close() ends the thread with terminate(), which exits 1: only an exit nobody asked for is news.
    if (!closing) console.error(`haven: dynalite's thread exited with ${code}`);
    requests.close('ECONNRESET');
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: requests.transport,
  });
  return {
    endpoint,
    access: privateAccess(secret),
    transport: requests.transport,
    client,
    async healthy() {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      client.destroy();
      requests.close('ECONNREFUSED');
      // dynalite closes its LevelDB with the server, releasing the LOCK for the next start; then the thread ends.
      // A thread that has already ended has nothing to close (waiting for its exit again would hang).
      if (exited) return;
      closing = true;
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.once('message', () => void worker.terminate());
        worker.postMessage('close');
      });
    },
  };
}

/** The port dynalite's thread listens on, or why it could not start; its listeners are removed after. */
function listening(worker: Worker): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const done = () => worker.off('error', onError).off('exit', onExit).off('message', onMessage);
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`dynalite's thread exited with ${code} before it listened`));
    };
    const onMessage = (m: { port?: number; error?: string }) => {
      done();
      if (m.port) resolve(m.port);
      else reject(new Error(`dynalite could not start: ${m.error ?? 'no port'}`));
    };
    worker.on('error', onError).on('exit', onExit).on('message', onMessage);
  });
}

/**
 * The worker's entry: Haven runs from TypeScript (tsx, or vitest in tests), and a worker thread does
 * not inherit the parent's loader, so the thread registers tsx's before it imports dynalite-worker.ts.
 */
function workerSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./dynalite-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
}

/** The indexes a table has or should have, as comparable text: name, keys and projected fields. */
function indexShapes(
  indexes:
    | readonly {
        IndexName?: string;
        KeySchema?: readonly { AttributeName?: string; KeyType?: string }[];
        Projection?: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
      }[]
    | undefined,
): Map<string, string> {
  return new Map(
    (indexes ?? []).map((i) => [
      i.IndexName ?? '',
      JSON.stringify([
        (i.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`),
        i.Projection?.ProjectionType,
        [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
      ]),
    ]),
  );
}

/**
 * Creates each table (the case store's own definition) unless it already exists on disk. A table
 * made by an older Haven whose indexes differ is refused with a clear message, never half-used
 * (dynalite cannot rebuild an index over the cases already in it).
 */
export async function ensureTables(client: DynamoDBClient, tableNames: readonly string[]): Promise<void> {
  for (const TableName of tableNames) {
    let existing: TableDescription | undefined;
    try {
      existing = (await client.send(new DescribeTableCommand({ TableName }))).Table;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
      await client.send(new CreateTableCommand(tableDefinition(TableName)));
      continue;
    }
    const want = indexShapes(tableDefinition(TableName).GlobalSecondaryIndexes);
    const have = indexShapes(existing?.GlobalSecondaryIndexes);
    const differing = [...new Set([...want.keys(), ...have.keys()])]
      .filter((name) => want.get(name) !== have.get(name))
      .sort();
    if (differing.length > 0)
      throw new Error(
        `Table ${TableName} on disk was made by an older Haven: its indexes differ (${differing.join(', ')}). ` +
          'Move the data folder (HAVEN_DATA_DIR, default .haven-data) aside or delete it, then start Haven again.',
      );
  }
}

import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../functions/contract/table-layout.js';
import { guardServer, type PrivateAccess } from './private-endpoint.js';

const require = createRequire(import.meta.url);
// dynalite has no type definitions (STACK.md).
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

/** A running dynalite (Haven's own process only: private-endpoint.ts) and a client for it. */
export interface LocalDynamo {
  endpoint: string;
  /** How Haven's own clients are let in (every client of `endpoint` must be authorised). */
  access: PrivateAccess;
  /** A client already authorised. */
  client: DynamoDBClient;
  /** Whether dynalite answers. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts dynalite on a free loopback port, persisting to `path` (LevelDB on disk) so a restart keeps
 * cases; it answers only requests carrying this start's secret (`access`).
 */
export async function startDynalite(path: string): Promise<LocalDynamo> {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Guarded before it listens: no request ever reaches dynalite's own handler unchecked.
  const access = guardServer(server, 'dynalite');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = access.authorise(
    new DynamoDBClient({
      endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return {
    endpoint,
    access,
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // dynalite closes its LevelDB with the server, releasing the LOCK for the next start.
    },
  };
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

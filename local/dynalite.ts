import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../functions/adapters/case-table.js';

const require = createRequire(import.meta.url);
// dynalite has no type definitions (STACK.md).
const dynalite = require('dynalite') as (options: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

/** A running dynalite and a client for it. */
export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** Whether dynalite answers. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts dynalite on a free loopback port, persisting to `path` (LevelDB on disk) so a restart keeps cases. */
export async function startDynalite(path: string): Promise<LocalDynamo> {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint,
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

/** Creates each table (the case store's own definition) unless it already exists on disk. */
export async function ensureTables(client: DynamoDBClient, tableNames: readonly string[]): Promise<void> {
  for (const TableName of tableNames) {
    try {
      await client.send(new DescribeTableCommand({ TableName }));
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
      await client.send(new CreateTableCommand(tableDefinition(TableName)));
    }
  }
}

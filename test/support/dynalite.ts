/**
 * An in-process dynalite with the case table created from `tableDefinition`, for any test that needs
 * a real (local) DynamoDB. Starts in milliseconds on a free loopback port.
 */

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { tableDefinition } from '../../functions/contract/table-layout.js';

/** A running dynalite with one empty case table. */
export interface TestTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  stop: () => Promise<void>;
}

/** Starts dynalite in-process on a free port and creates an empty case table in it. */
export async function startTestTable(tableName = `haven-test-${randomUUID().slice(0, 8)}`): Promise<TestTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await raw.send(new CreateTableCommand(tableDefinition(tableName)));
  for (let i = 0; i < 100; i++) {
    const d = await raw.send(new DescribeTableCommand({ TableName: tableName }));
    if (
      d.Table?.TableStatus === 'ACTIVE' &&
      (d.Table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE')
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  raw.destroy();
  const client = createDocumentClient({ endpoint });
  return {
    client,
    tableName,
    endpoint,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The runtime's own dynalite (local/dynalite.ts: its thread, on disk in a temporary folder) with one
 * table, and document clients over both of its ways in: the in-process port Haven's own clients use
 * (local/dynalite-port.ts) and the guarded loopback HTTP port (authorised with its secret).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { ensureTables, type LocalDynamo, startDynalite } from '../../local/dynalite.js';
import { portDocumentClient } from '../../local/port-client.js';

export interface EmbeddedTable {
  dynamo: LocalDynamo;
  tableName: string;
  /** A document client as Haven's wiring makes it: over the port, no secret. */
  overPort(maxAttempts?: number): DynamoDBDocumentClient;
  /** A document client over loopback HTTP, authorised with this start's secret. */
  overHttp(): DynamoDBDocumentClient;
  /** Stops dynalite and removes its folder. */
  stop(): Promise<void>;
}

/** Starts the runtime's dynalite in a new temporary folder and creates `tableName` in it. */
export async function startEmbeddedTable(tableName: string): Promise<EmbeddedTable> {
  const dir = mkdtempSync(join(tmpdir(), 'haven-embedded-'));
  const dynamo = await startDynalite(join(dir, 'dynalite'));
  try {
    await ensureTables(dynamo.client, [tableName]);
  } catch (e) {
    await dynamo.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dynamo,
    tableName,
    overPort: (maxAttempts) =>
      portDocumentClient({
        endpoint: dynamo.endpoint,
        transport: dynamo.transport,
        ...(maxAttempts ? { maxAttempts } : {}),
      }),
    overHttp: () => dynamo.access.authorise(createDocumentClient({ endpoint: dynamo.endpoint })),
    async stop() {
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The case table in dynalite as `npm start` runs it (local/runtime.ts, local/wiring.ts): its own worker
 * thread (local/dynalite.ts `startDynalite`), LevelDB on disk under `dir`, the private-endpoint key, the
 * table made by `ensureTables`, and the document client Haven's handlers use. For benches that must
 * measure what `npm start` runs (test/support/dynalite.ts is the tests' quicker in-process one).
 */
import { join } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamo.js';
import { ensureTables, startDynalite } from '../../local/dynalite.js';
import type { TestTable } from './dynalite.js';

/** Starts dynalite's thread over `dir` with one case table named `tableName`. */
export async function startLocalTable(dir: string, tableName: string): Promise<TestTable> {
  const dynamo = await startDynalite(join(dir, 'dynalite'));
  const client = dynamo.access.authorise(createDocumentClient({ endpoint: dynamo.endpoint }));
  try {
    await ensureTables(dynamo.client, [tableName]);
  } catch (e) {
    client.destroy();
    await dynamo.close();
    throw e;
  }
  return {
    client,
    tableName,
    endpoint: dynamo.endpoint,
    stop: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/contract/table-layout.js';
import { ensureTables, type LocalDynamo, startDynalite } from '../../local/dynalite.js';
import { defined } from '../support/defined.js';

let dir: string;
let dynamo: LocalDynamo;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'haven-tables-'));
  dynamo = await startDynalite(dir);
});
afterAll(async () => {
  await dynamo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start: the tables on disk', () => {
  it('creates a missing table, and accepts it as it is on the next start', async () => {
    // Prepare
    await ensureTables(dynamo.client, ['haven-fresh']);

    // Act
    const nextStart = ensureTables(dynamo.client, ['haven-fresh']);

    // Assess
    await expect(nextStart).resolves.toBeUndefined();
  });

  it('refuses a table an older Haven made with other indexes, naming the index and what to do', async () => {
    // Prepare
    const old = tableDefinition('haven-old');
    const [firstIndex, ...rest] = old.GlobalSecondaryIndexes ?? [];
    const first = defined(firstIndex, 'an index of the table');
    await dynamo.client.send(
      new CreateTableCommand({
        ...old,
        GlobalSecondaryIndexes: [{ ...first, Projection: { ProjectionType: 'KEYS_ONLY' } }, ...rest],
      }),
    );

    // Act
    const start = ensureTables(dynamo.client, ['haven-old']);

    // Assess
    await expect(start).rejects.toThrow(
      new RegExp(
        `haven-old on disk was made by an older Haven: its indexes differ \\(${first.IndexName}\\).*HAVEN_DATA_DIR`,
      ),
    );
  });
});

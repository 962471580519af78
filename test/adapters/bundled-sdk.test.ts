/**
 * The SDK clients as a Lambda bundle carries them: with the bundle-only stand-in for the SDK's event-stream
 * support (functions/adapters/bundle/no-event-streams.ts), which holds only while no operation of a bundled
 * client has a streaming member: checked here in each client's schemas. And the DynamoDB document client
 * built with the stack's esbuild settings (lib/bundling.ts), run in a plain Node process against dynalite,
 * writes, reads, queries and classifies a failed condition as the unbundled one does.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/bundling.js';
import { ROOT } from '../cdk/build.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'haven-bundled-sdk-'));
let table: TestTable;
let inputs: string[] = [];

/** Every SDK client a Lambda bundle may carry (lib/bundling.ts PACKAGES_BY_PERMISSION, and DynamoDB for all). */
const BUNDLED_CLIENTS = [
  'client-dynamodb',
  'client-sfn',
  'client-sesv2',
  'client-sns',
  'client-kms',
  'client-secrets-manager',
  'client-cognito-identity-provider',
];

beforeAll(async () => {
  table = await startTestTable();
  const contents = `export { createDocumentClient, isConditionFailed } from './functions/adapters/dynamo.ts';
export { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';`;
  const { entryPoints: _none, ...options } = esbuildOptions(join(ROOT, 'functions/adapters/dynamo.ts'));
  const result = await build({ ...options, stdin: { contents, resolveDir: ROOT, loader: 'ts' }, absWorkingDir: ROOT });
  for (const f of result.outputFiles ?? [])
    writeFileSync(join(dir, f.path.endsWith('.map') ? 'dynamo.mjs.map' : 'dynamo.mjs'), f.contents);
  inputs = Object.keys(result.metafile?.inputs ?? {});
}, 60_000);

afterAll(async () => {
  await table.stop();
});

describe('the SDK clients in a Lambda bundle', () => {
  it('have no operation with a streaming member, so the event-stream stand-in is never reached', () => {
    // Prepare
    const schemas = BUNDLED_CLIENTS.map((c) => ({
      client: c,
      text: readFileSync(join(ROOT, 'node_modules/@aws-sdk', c, 'dist-es/schemas/schemas_0.js'), 'utf8'),
    }));

    // Act
    const streaming = schemas.filter((s) => s.text.includes('"streaming"')).map((s) => s.client);

    // Assess
    expect(schemas.every((s) => s.text.length > 1000)).toBe(true);
    expect(streaming).toEqual([]);
  });

  it('are built with the stand-in in place of the event-stream support', () => {
    // Prepare: bundled once (beforeAll).
    // Act
    const eventStreams = inputs.filter((i) => i.includes('@smithy/core/dist-es/submodules/event-streams/'));

    // Assess
    expect(inputs.some((i) => i.endsWith('functions/adapters/bundle/no-event-streams.ts'))).toBe(true);
    expect(eventStreams).toEqual([]);
  });

  it('write, read and query DynamoDB, and classify a failed condition, from the bundle', async () => {
    // Prepare
    const pk = `CASE#${randomBytes(4).toString('hex')}`;
    const script = join(dir, `run-${randomBytes(6).toString('hex')}.mjs`);
    writeFileSync(
      script,
      `import { createDocumentClient, isConditionFailed, GetCommand, PutCommand, QueryCommand } from './dynamo.mjs';
const doc = createDocumentClient({ endpoint: ${JSON.stringify(table.endpoint)} });
const TableName = ${JSON.stringify(table.tableName)};
const Item = { pk: ${JSON.stringify(pk)}, sk: 'META', n: 7, tags: ['a', 'b'] };
await doc.send(new PutCommand({ TableName, Item }));
const got = await doc.send(new GetCommand({ TableName, Key: { pk: Item.pk, sk: 'META' } }));
const queried = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': Item.pk } }));
const refused = await doc.send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' })).then(
  () => 'written',
  (e) => ({ name: e.name, conditionFailed: isConditionFailed(e) }),
);
doc.destroy();
process.stdout.write(JSON.stringify({ got: got.Item, count: queried.Count, refused }));`,
    );

    // Act
    const { stdout } = await run(process.execPath, [script], { cwd: dir });

    // Assess
    expect(JSON.parse(stdout)).toEqual({
      got: { pk, sk: 'META', n: 7, tags: ['a', 'b'] },
      count: 1,
      refused: { name: 'ConditionalCheckFailedException', conditionFailed: true },
    });
  });
});

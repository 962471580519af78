import { MessageChannel } from 'node:worker_threads';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortRequest, portTransport } from '../../local/dynalite-port.js';
import { type EmbeddedTable, startEmbeddedTable } from '../support/embedded-dynalite.js';

const TABLE = 'haven-port';
let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable(TABLE);
});
afterAll(async () => {
  await table.stop();
});

/** What a call throws, as the store sees it (its name and HTTP status). */
async function failure(call: Promise<unknown>): Promise<{ name?: string; status?: number }> {
  const e = (await call.then(
    () => ({}),
    (x: unknown) => x,
  )) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, status: e.$metadata?.httpStatusCode };
}

describe('npm start: Haven reaches dynalite over a MessagePort, without a socket', () => {
  it('writes, reads and queries as over HTTP, with no secret header (the port is this process’s own)', async () => {
    // Prepare
    const doc = table.overPort();
    const item = { pk: 'CASE#1', sk: 'EVENT#1', note: 'é ünïcode', n: 7, list: [1, 'two'] };

    try {
      // Act
      await doc.send(new PutCommand({ TableName: TABLE, Item: item }));
      const got = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'CASE#1', sk: 'EVENT#1' } }));
      const queried = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'CASE#1' },
        }),
      );

      // Assess
      expect(got.Item).toEqual(item);
      expect(queried.Items).toEqual([item]);
    } finally {
      doc.destroy();
    }
  });

  it('each send carries its own command’s input and answer, though the stack is resolved once per command', async () => {
    // Prepare
    const doc = table.overPort();
    const ids = Array.from({ length: 20 }, (_, i) => `CASE#many-${i}`);

    try {
      // Act
      await Promise.all(ids.map((pk, n) => doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'S', n } }))));
      const got = await Promise.all(
        ids.map((pk) => doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'S' } }))),
      );
      const missing = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'CASE#none', sk: 'S' } }));

      // Assess
      expect(got.map((g) => g.Item)).toEqual(ids.map((pk, n) => ({ pk, sk: 'S', n })));
      expect(missing.Item).toBeUndefined();
    } finally {
      doc.destroy();
    }
  });

  it('a refused condition and a bad request fail with the same error as over HTTP', async () => {
    // Prepare
    const overPort = table.overPort();
    const overHttp = table.overHttp();
    await overPort.send(new PutCommand({ TableName: TABLE, Item: { pk: 'CASE#2', sk: 'SUMMARY' } }));
    const conditional = new PutCommand({
      TableName: TABLE,
      Item: { pk: 'CASE#2', sk: 'SUMMARY' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const badKey = new GetCommand({ TableName: TABLE, Key: { pk: 'CASE#2' } });

    try {
      // Act
      const refused = [await failure(overPort.send(conditional)), await failure(overHttp.send(conditional))];
      const bad = [await failure(overPort.send(badKey)), await failure(overHttp.send(badKey))];

      // Assess
      expect(refused[0]).toEqual({ name: 'ConditionalCheckFailedException', status: 400 });
      expect(refused[1]).toEqual(refused[0]);
      expect(bad[0]).toEqual({ name: 'ValidationException', status: 400 });
      expect(bad[1]).toEqual(bad[0]);
    } finally {
      overPort.destroy();
      overHttp.destroy();
    }
  });

  it('posts the method, path with its query, lower-case headers and the body as dynalite’s listener reads them', async () => {
    // Prepare
    const channel = new MessageChannel();
    const seen = new Promise<PortRequest>((resolve) => channel.port2.once('message', resolve));
    const { transport, close } = portTransport(channel.port1);
    const body = new TextEncoder().encode('{"TableName":"t"}');

    // Act
    const answered = transport.handle({
      method: 'POST',
      path: '/',
      query: { a: '1 2', b: null },
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.GetItem' },
      body,
    });
    const request = await seen;
    channel.port2.postMessage({ id: request.id, statusCode: 200, headers: { 'x-amz-crc32': '1' }, body: '{}' });
    const { response } = await answered;
    close('ECONNREFUSED');
    channel.port2.close();

    // Assess
    expect(request).toMatchObject({
      method: 'POST',
      url: '/?a=1%202&b',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: '{"TableName":"t"}',
    });
    expect(response.statusCode).toBe(200);
    expect(Buffer.from(response.body).toString()).toBe('{}');
  });

  it('a request still waiting when dynalite’s thread goes fails as a dropped connection, and later ones as refused', async () => {
    // Prepare
    const channel = new MessageChannel();
    const seen = new Promise((resolve) => channel.port2.once('message', resolve));
    const { transport, close } = portTransport(channel.port1);
    const waiting = transport.handle({ method: 'POST', path: '/', headers: {}, body: '{}' }).catch((e: unknown) => e);
    await seen;

    // Act
    close('ECONNRESET');
    const later = await transport.handle({ method: 'POST', path: '/', headers: {}, body: '{}' }).catch((e) => e);
    channel.port2.close();

    // Assess
    expect((await waiting) as { code?: string }).toMatchObject({ code: 'ECONNRESET' });
    expect(later as { code?: string }).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('after dynalite stops, Haven’s own request fails (never hangs), as a refused connection', async () => {
    // Prepare
    const stopped = await startEmbeddedTable(TABLE);
    const doc = stopped.overPort(1);
    await stopped.stop();

    try {
      // Act
      const e = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'a', sk: 'b' } })).catch((x) => x);

      // Assess
      expect(e as { code?: string }).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      doc.destroy();
    }
  });
});

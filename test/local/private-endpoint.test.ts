import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../../local/dynalite.js';
import { guardServer, PRIVATE_KEY_HEADER, type PrivateAccess } from '../../local/private-endpoint.js';

/** A raw request with exactly these headers (Host included), as any local client could send it. */
function raw(port: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/anything', method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe("local runtime: the backing services answer Haven's own process only", () => {
  let server: Server;
  let access: PrivateAccess;
  let port: number;
  const reached: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      reached.push(req.url ?? '');
      res.end('inner');
    });
    access = guardServer(server, 'the test service');
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('a request without the secret, with a wrong one, or naming another Host is a 403 that never reaches the service', async () => {
    // Prepare
    const host = `127.0.0.1:${port}`;
    const secret = access.headers()[PRIVATE_KEY_HEADER] as string;
    const before = reached.length;

    // Act
    const none = await raw(port, { host });
    const wrong = await raw(port, { host, [PRIVATE_KEY_HEADER]: `${secret.slice(1)}x` });
    const rebound = await raw(port, { host: `haven.attacker.example:${port}`, [PRIVATE_KEY_HEADER]: secret });
    const otherPort = await raw(port, { host: '127.0.0.1:1', [PRIVATE_KEY_HEADER]: secret });

    // Assess
    for (const answer of [none, wrong, rebound, otherPort]) {
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(secret);
    }
    expect(reached.length, 'the service behind the guard saw none of them').toBe(before);
  });

  it('a request with this start’s secret and a Host of this machine reaches the service', async () => {
    // Prepare
    const before = reached.length;

    // Act
    const byAddress = await raw(port, { host: `127.0.0.1:${port}`, ...access.headers() });
    const byName = await raw(port, { host: `localhost:${port}`, ...access.headers() });

    // Assess
    expect([byAddress.status, byName.status]).toEqual([200, 200]);
    expect(byAddress.body).toBe('inner');
    expect(reached.length).toBe(before + 2);
  });

  it('each start makes its own secret: another guard’s secret is refused', async () => {
    // Prepare
    const other = guardServer(createServer(), 'another service');

    // Act
    const answer = await raw(port, { host: `127.0.0.1:${port}`, ...other.headers() });

    // Assess
    expect(other.headers()[PRIVATE_KEY_HEADER]).not.toBe(access.headers()[PRIVATE_KEY_HEADER]);
    expect(answer.status).toBe(403);
  });

  it('the runtime’s dynalite answers its own clients (in-process, or authorised over TCP) and refuses one it did not authorise', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'haven-private-'));
    const dynamo = await startDynalite(join(dir, 'dynalite'));
    const authorised = dynamo.access.authorise(
      new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'eu-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    );
    const stranger = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });

    try {
      // Act
      const own = await dynamo.client.send(new ListTablesCommand({}));
      const overTcp = await authorised.send(new ListTablesCommand({}));
      const refused = await stranger.send(new ListTablesCommand({})).catch((e: unknown) => e);

      // Assess
      expect(own.TableNames).toEqual([]);
      expect(overTcp.TableNames).toEqual([]);
      expect((refused as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
      expect(await dynamo.healthy()).toBe(true);
    } finally {
      stranger.destroy();
      authorised.destroy();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

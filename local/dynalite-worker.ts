/**
 * dynalite in its own thread (started by local/dynalite.ts): the handlers' event loop is then not also
 * the database's, so a burst uses both cores. It listens on a random loopback port behind the same
 * guard as ever (private-endpoint.ts), with the secret its parent made and handed over in memory.
 * Haven's own clients do not use that port: they post their requests over the MessagePort `requests`
 * (local/dynalite-port.ts), and each is handed to dynalite's own request listener here.
 * Messages: out { port } once listening, or { error }; in 'close', answered 'closed' once LevelDB is shut.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { PortRequest, PortResponse } from './dynalite-port.js';
import { guardServer } from './private-endpoint.js';

const require = createRequire(import.meta.url);
// dynalite has no type definitions (STACK.md).
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

const { path, secret, requests } = workerData as { path: string; secret: string; requests: MessagePort };
const parent = parentPort;
if (!parent) throw new Error('dynalite-worker runs as a worker thread of local/dynalite.ts');

const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const listener = server.listeners('request')[0] as RequestListener;
// Guarded before it listens: no request ever reaches dynalite's own handler unchecked.
guardServer(server, 'dynalite', secret);
server.once('error', (e) => parent.postMessage({ error: `${e.name}: ${e.message}` }));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parent.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});
/**
 * Answers one request from the port with dynalite's own listener, given what it reads of a Node request
 * (method, url, headers, the 'data' and 'end' events) and what it writes of a response (statusCode,
 * setHeader, end; it also keeps a contentType on the response).
 */
function answer(r: PortRequest): void {
  const req = Object.assign(new EventEmitter(), { method: r.method, url: r.url, headers: r.headers });
  const headers: Record<string, string> = {};
  const res = {
    statusCode: 200,
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
      return res;
    },
    end(body?: string) {
      const reply: PortResponse = { id: r.id, statusCode: res.statusCode, headers, body: body ?? '' };
      requests.postMessage(reply);
      return res;
    },
  };
  listener.call(server, req as unknown as IncomingMessage, res as unknown as ServerResponse);
  if (r.body) req.emit('data', Buffer.from(r.body));
  req.emit('end');
}
requests.on('message', answer);

parent.on('message', (m: unknown) => {
  // dynalite closes its LevelDB with the server, releasing the LOCK for the next start. Its clients are
  // Haven's own and stopping too: a kept-alive connection must not hold the close up.
  if (m !== 'close') return;
  requests.close();
  server.close(() => parent.postMessage('closed'));
  server.closeAllConnections();
});

/**
 * dynalite in its own thread (started by local/dynalite.ts): the handlers' event loop is then not also
 * the database's, so a burst uses both cores. It listens on a random loopback port behind the same
 * guard as ever (private-endpoint.ts), with the secret its parent made and handed over in memory.
 * Messages: out { port } once listening, or { error }; in 'close', answered 'closed' once LevelDB is shut.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { guardServer } from './private-endpoint.js';

const require = createRequire(import.meta.url);
// dynalite has no type definitions (STACK.md).
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

const { path, secret } = workerData as { path: string; secret: string };
const parent = parentPort;
if (!parent) throw new Error('dynalite-worker runs as a worker thread of local/dynalite.ts');

const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
// Guarded before it listens: no request ever reaches dynalite's own handler unchecked.
guardServer(server, 'dynalite', secret);
server.once('error', (e) => parent.postMessage({ error: `${e.name}: ${e.message}` }));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parent.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});
parent.on('message', (m: unknown) => {
  // dynalite closes its LevelDB with the server, releasing the LOCK for the next start. Its clients are
  // Haven's own and stopping too: a kept-alive connection must not hold the close up.
  if (m !== 'close') return;
  server.close(() => parent.postMessage('closed'));
  server.closeAllConnections();
});

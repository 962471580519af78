/**
 * Haven on one machine in a child process, for the console's browser tests (so the virtual clock's fake
 * timers never touch Playwright) and the reliability scenarios (test/reliability and `npm run soak`: the
 * parent can SIGKILL it mid-burst and start it again on the same data dir): startHaven on the virtual
 * clock, standing still between jumps, driven over IPC.
 * Messages in: { id, type: 'advance', ms } | { id, type: 'token', associationId, role } |
 * { id, type: 'lifecycles' } | { id, type: 'stop' }.
 * Out: { type: 'ready', url, signInLinks, now, resumed } then { id, now?, token?, lifecycles?, error? } per request.
 */
import '../../local/polyfills.js';
import type { Role } from '../../functions/core/roles.js';
import { startHaven } from '../../local/runtime.js';
import { defined } from './defined.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = process.env.HAVEN_DATA_DIR;
const ipc = process.send?.bind(process);
if (!dataDir || !ipc) throw new Error('haven-child needs HAVEN_DATA_DIR and an IPC channel');
const send = (m: object) => ipc(m);
// A parent that died (or was killed) leaves no Haven behind.
process.on('disconnect', () => process.exit(1));

const haven = await startHaven({
  port: 0,
  dataDir,
  clock: 'virtual',
  log: (line) => process.stderr.write(`${line}\n`),
});
const engine = defined(haven.wired.engine, 'the workflow engine of the virtual clock');
send({
  type: 'ready',
  url: haven.url,
  signInLinks: haven.signInLinks,
  now: engine.now().toISOString(),
  resumed: haven.resumed,
});

type Message =
  | { id: number; type: 'advance'; ms: number }
  | { id: number; type: 'token'; associationId: string; role: Role }
  | { id: number; type: 'lifecycles' }
  | { id: number; type: 'stop' };
process.on('message', (m: Message) => {
  void (async () => {
    try {
      if (m.type === 'advance') {
        await engine.advanceBy(m.ms);
        await engine.idle();
        send({ id: m.id, now: engine.now().toISOString() });
      } else if (m.type === 'token') send({ id: m.id, token: await haven.identity.tokenFor(m.associationId, m.role) });
      else if (m.type === 'lifecycles') {
        // The lifecycle executions this process runs, one per case it started or resumed.
        const lifecycles = engine
          .executions()
          .filter((e) => e.machine === 'lifecycle')
          .map((e) => ({ caseId: e.input.caseId, status: e.status }));
        send({ id: m.id, lifecycles });
      } else if (m.type === 'stop') {
        await haven.stop();
        send({ id: m.id });
        process.exit(0);
      }
    } catch (e) {
      send({ id: m.id, error: `${(e as Error).name}: ${(e as Error).message}` });
    }
  })();
});

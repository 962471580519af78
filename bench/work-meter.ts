/**
 * The work the lifecycle rig does for a stretch of a bench (a clock jump, a run of lifecycles), so a
 * figure can say what one escalation or one lifecycle costs and in what: DynamoDB requests by command
 * (a counting middleware on the document client), field-crypto opens and seals, lifecycle handler
 * invocations, and the process's CPU time (dynalite and the SES mock run in this process too, so it is
 * the whole rig's; unlike wall time it hardly grows with the machine's load).
 */
import type { BenchProbes } from '../test/workflow/harness.js';

/** What was done since the meter was last read. */
export interface Work {
  requests: Record<string, number>;
  opens: number;
  seals: number;
  invocations: number;
  cpuMs: number;
}

/** A meter: its probes go to `startBench`; `take()` returns the work since the last take (or the start). */
export function workMeter(): { probes: BenchProbes; take(): Work } {
  let requests: Record<string, number> = {};
  let [opens, seals, invocations] = [0, 0, 0];
  let cpu = process.cpuUsage();
  const probes: BenchProbes = {
    client: (client) =>
      client.middlewareStack.add(
        ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
          const name = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          requests[name] = (requests[name] ?? 0) + 1;
          return next(args);
        }) as never,
        { step: 'initialize', name: 'benchWorkMeter' } as never,
      ),
    crypto: (crypto) => ({
      seal: (value, context) => {
        seals += 1;
        return crypto.seal(value, context);
      },
      open: (sealed, context) => {
        opens += 1;
        return crypto.open(sealed, context);
      },
      hmac: (text) => crypto.hmac(text),
    }),
    handlers: (handlers) =>
      Object.fromEntries(
        Object.entries(handlers).map(([name, handler]) => [
          name,
          (event: unknown, context?: unknown) => {
            invocations += 1;
            return handler(event, context);
          },
        ]),
      ),
  };
  return {
    probes,
    take() {
      const used = process.cpuUsage(cpu);
      const work = { requests, opens, seals, invocations, cpuMs: (used.user + used.system) / 1000 };
      requests = {};
      [opens, seals, invocations] = [0, 0, 0];
      cpu = process.cpuUsage();
      return work;
    },
  };
}

const per = (x: number, n: number) => (n > 0 ? Math.round((10 * x) / n) / 10 : 0);

/** The work of `n` units (escalations, lifecycles) as words: each unit's requests by command, opens, seals, invocations. */
export function workPer(work: Work, n: number): string {
  const byCommand = Object.entries(work.requests).sort((a, b) => b[1] - a[1]);
  const total = byCommand.reduce((sum, [, count]) => sum + count, 0);
  const commands = byCommand.map(([name, count]) => `${per(count, n)} ${name}`).join(', ');
  return (
    `each: ${per(total, n)} DynamoDB requests (${commands}), ${per(work.opens, n)} field-crypto opens, ` +
    `${per(work.seals, n)} seals, ${per(work.invocations, n)} handler invocations`
  );
}

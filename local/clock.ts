/**
 * `npm run clock`: shows or moves the clock of a running `npm start` (virtual clock), firing every
 * deadline and escalation due on the way.
 *   npm run clock                          Haven's now
 *   npm run clock -- +25h                  jump ahead (w, d, h, m, s: +1w2d, +90m; at most 2 years at once)
 *   npm run clock -- --to 2026-12-01T09:00Z
 * Options: --url (default: the data dir's running Haven, else http://127.0.0.1:3000), --data-dir (.haven-data).
 */
import { parseArgs } from 'node:util';
import { connect, ScriptError } from './control-client.js';
import { jumpLength, LONGEST_JUMP_MS, TOO_FAR } from './virtual-clock.js';

const USAGE =
  'usage: npm run clock -- [+25h | --to 2026-12-01T09:00Z] [--url http://127.0.0.1:3000] [--data-dir .haven-data]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      to: { type: 'string' },
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  if (positionals.length > 1 || (positionals.length === 1 && values.to)) throw new ScriptError(USAGE);
  const by = positionals[0];
  // Refused here before Haven is asked (Haven refuses it too, and a --to past the limit, before anything moves).
  if (by !== undefined && (jumpLength(by) ?? 0) > LONGEST_JUMP_MS) throw new ScriptError(`the jump ${by} ${TOO_FAR}`);
  const haven = connect({ url: values.url, dataDir: values['data-dir'] });
  if (!by && !values.to) {
    const c = await haven.clock();
    console.log(`Haven's now: ${c.now} (${c.virtual ? `virtual, ${c.speed} × real time` : 'real clock'})`);
    return;
  }
  const moved = await haven.jump(values.to ? { to: values.to } : { by: by as string });
  const hours = moved.movedMs / 3_600_000;
  console.log(
    `Moved on ${hours >= 1 ? `${+hours.toFixed(2)} hours` : `${Math.round(moved.movedMs / 60_000)} minutes`}: ${moved.previous} → ${moved.now}; ${moved.emailsSent} email(s) sent (${haven.url}/local/mailbox)`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof ScriptError ? e.message : `clock: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});

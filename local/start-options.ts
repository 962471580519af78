import { parseArgs } from 'node:util';

/** How `npm start` was asked to run. */
export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  clock: 'real' | 'virtual';
  /** Virtual milliseconds per real millisecond (virtual clock only; 0: time moves only when jumped). */
  speed: number;
}

/** The usage text of `npm start`. */
export const START_USAGE = `npm start -- [--speed N] [--clock virtual|real] [--port P] [--host H] [--data-dir DIR]

  --speed N      Haven's clock runs N times faster than real time (default 1; 0 stands still between jumps)
  --clock C      virtual (default: time can be moved with /local/clock or npm run clock) or real
  --port P       port to listen on (default 3000; 0 picks a free one)
  --host H       address to listen on (default 127.0.0.1)
  --data-dir D   where cases, keys and the clock are kept (default .haven-data)

Environment (command-line options win): PORT, HOST, HAVEN_DATA_DIR, HAVEN_CLOCK, HAVEN_SPEED.`;

/**
 * Reads `npm start`'s options: command line first, then the environment, then the defaults. A trial
 * install runs on the virtual clock at speed 1, so it keeps real time and can still be moved ahead.
 * Throws an Error naming the option when one is wrong.
 */
export function parseStartOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): StartOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      speed: { type: 'string' },
      clock: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';

  const speedText = values.speed ?? env.HAVEN_SPEED;
  const clockText = values.clock ?? (values.speed !== undefined ? 'virtual' : env.HAVEN_CLOCK) ?? 'virtual';
  if (clockText !== 'virtual' && clockText !== 'real') throw new Error('--clock (HAVEN_CLOCK) must be virtual or real');
  if (clockText === 'real' && values.speed !== undefined)
    throw new Error('--speed needs the virtual clock: leave out --clock real');
  const speed = speedText === undefined || speedText === '' ? 1 : Number(speedText);
  if (!Number.isFinite(speed) || speed < 0 || speed > 1_000_000)
    throw new Error('--speed (HAVEN_SPEED) must be a number from 0 to 1000000');

  const portText = values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535)
    throw new Error('--port (PORT) must be a whole number from 0 to 65535');

  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? env.HAVEN_DATA_DIR ?? '.haven-data',
    clock: clockText,
    speed: clockText === 'virtual' ? speed : 1,
  };
}

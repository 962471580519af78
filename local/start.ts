/**
 * `npm start`: Haven on one machine (`npm start -- --help` for the options). Command line: --speed N,
 * --clock virtual|real, --port, --host, --data-dir; the environment still works: PORT (3000), HOST
 * (127.0.0.1), HAVEN_DATA_DIR (.haven-data), HAVEN_CLOCK (virtual | real), HAVEN_SPEED (1).
 */
import './polyfills.js';
import { startHaven } from './runtime.js';
import { parseStartOptions, START_USAGE, type StartOptions } from './start-options.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let options: StartOptions | 'help';
try {
  options = parseStartOptions(process.argv.slice(2), process.env);
} catch (e) {
  console.error(`${(e as Error).message}\n\n${START_USAGE}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(START_USAGE);
  process.exit(0);
}
const haven = await startHaven({
  port: options.port,
  host: options.host,
  dataDir: options.dataDir,
  clock: options.clock,
  ...(options.clock === 'virtual' ? { speed: options.speed } : {}),
  log: (line) => console.error(line),
}).catch((e: Error) => {
  // A start-up refusal (a port in use, an old table on disk) is a message for a person, not a stack trace.
  console.error(`Haven could not start: ${e.message}`);
  process.exit(1);
});
const clockLine = haven.clock.virtual
  ? `virtual, now ${haven.clock.now().toISOString()}, ${options.speed > 0 ? `${options.speed} × real time` : 'still between jumps'} (move it: ${haven.url}/local/clock or npm run clock -- +25h)`
  : 'real';

const lines = [
  `Haven listening on ${haven.url}`,
  `  report forms:  ${haven.url}/<association>/report   (e.g. ${haven.url}/wrekin/report)`,
  `  staff console: ${haven.url}/console/   (sign in first with a link below)`,
  `  mailbox:       ${haven.url}/local/mailbox`,
  `  clock:         ${clockLine}`,
  `  health:        ${haven.url}/health`,
  `  dynalite:      ${haven.backing.dynamodb}   SES mock: ${haven.backing.ses}   (Haven's own process only)`,
  `  open cases re-planned: ${haven.resumed}`,
  `  index entries repaired at start: ${haven.repaired.reduce((n, r) => n + r.removed + r.rewritten, 0)}`,
  '',
  'Staff sign-in links (valid until Haven stops):',
];
for (const [association, roles] of Object.entries(haven.signInLinks)) {
  lines.push(`  ${association}`);
  for (const [role, link] of Object.entries(roles)) lines.push(`    ${role.padEnd(18)} ${link}`);
}
console.log(lines.join('\n'));

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`${signal}: stopping Haven`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  haven.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

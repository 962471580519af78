/**
 * `npm start`: Haven on one machine. Env: PORT (3000), HOST (127.0.0.1), HAVEN_DATA_DIR (.haven-data),
 * HAVEN_CLOCK (real | virtual), HAVEN_SPEED (virtual time multiplier).
 */
import './polyfills.js';
import { startHaven } from './runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const clock = process.env.HAVEN_CLOCK === 'virtual' ? 'virtual' : 'real';
const haven = await startHaven({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.HAVEN_DATA_DIR ?? '.haven-data',
  clock,
  ...(process.env.HAVEN_SPEED ? { speed: Number(process.env.HAVEN_SPEED) } : {}),
  log: (line) => console.error(line),
});

const lines = [
  `Haven listening on ${haven.url}`,
  `  report forms:  ${haven.url}/<association>/report   (e.g. ${haven.url}/wrekin/report)`,
  `  mailbox:       ${haven.url}/local/mailbox`,
  `  health:        ${haven.url}/health`,
  `  open cases re-planned: ${haven.resumed}`,
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

import { readFileSync } from 'node:fs';

/**
 * The staff console's pages, by their file name in the site (`console/<name>`): the words of the page's
 * title and its noscript heading, and its module under js/. Everything else is web/console/shell.html.
 */
export const CONSOLE_PAGES = {
  'index.html': { title: 'Caseload', module: 'caseload.mjs' },
  'tasks.html': { title: 'My tasks', module: 'tasks.mjs' },
  'case.html': { title: 'Case', module: 'case.mjs' },
  'figures.html': { title: 'Figures', module: 'figures.mjs' },
  'alerts.html': { title: 'Alerts', module: 'alerts.mjs' },
  'sign-in.html': { title: 'Sign in', module: 'sign-in.mjs' },
  'signed-out.html': { title: 'You have been signed out', module: 'signed-out.mjs' },
} as const satisfies Record<string, { title: string; module: string }>;

export type ConsolePage = keyof typeof CONSOLE_PAGES;

// Read once: the deploy (lib/web-content.ts) and the local runtime (local/static.ts) render from it.
const SHELL = readFileSync(new URL('./shell.html', import.meta.url), 'utf8');

/** Whether `name` (a path under console/) is one of the console's pages. */
export function isConsolePage(name: string): name is ConsolePage {
  return Object.hasOwn(CONSOLE_PAGES, name);
}

/** The HTML of a console page: the shell with the page's title, noscript heading and module. */
export function renderConsolePage(name: ConsolePage): string {
  const { title, module } = CONSOLE_PAGES[name];
  // The values are the constants above (plain words, no markup), so they go in as they are.
  return SHELL.replaceAll('{{title}}', title).replaceAll('{{module}}', module);
}

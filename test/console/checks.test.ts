import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { DASH_CHECKLISTS } from '../../functions/core/dash-checklist.js';
import { consoleData, dataFile } from '../../web/console/build-data.js';
import { CONSOLE_PAGES, type ConsolePage, renderConsolePage } from '../../web/console/pages.js';
import { defined } from '../support/defined.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONSOLE = join(ROOT, 'web', 'console');

describe('staff console files', () => {
  it.each(ASSOCIATION_IDS)(
    'web/console/data/%s.json is generated from config and core (run npx tsx web/console/build-data.ts)',
    (id) => {
      // Prepare
      const committed = readFileSync(dataFile(id), 'utf8');

      // Act
      const generated = consoleData(id);

      // Assess
      expect(committed).toBe(generated);
    },
  );

  it('002 §6: the console asks all 24 DASH questions of the checklist core scores, and pathways only where the association uses them', () => {
    // Prepare
    const checklist = defined(Object.values(DASH_CHECKLISTS).at(0), 'a DASH checklist');

    // Act
    const data = ASSOCIATION_IDS.map((id) => ({ id, data: JSON.parse(readFileSync(dataFile(id), 'utf8')) }));

    // Assess
    for (const { id, data: d } of data) {
      expect(d.dash.questions).toHaveLength(24);
      expect(d.dash.version).toBe(checklist.version);
      expect(d.pathways === null).toBe(!getAssociation(id).pathways);
    }
  });

  it('the browser modules type-check as strict JS (JSDoc) and each committed js/*.d.mts (the pure modules the tests import) matches its module', () => {
    // Prepare
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const committed = readdirSync(join(CONSOLE, 'js')).filter((f) => f.endsWith('.d.mts'));

    // Act: throws when the modules do not type-check.
    execFileSync(process.execPath, [tsc, '-p', join(CONSOLE, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
    const emitted = (f: string) => readFileSync(join(ROOT, 'node_modules', '.cache', 'haven-console-types', f), 'utf8');

    // Assess
    expect(committed.sort()).toEqual([
      'case-page.d.mts',
      'contact-words.d.mts',
      'labels.d.mts',
      'staff.d.mts',
      'view.d.mts',
    ]);
    // A module that is not a root resolves to its committed .d.mts and is never emitted afresh.
    const roots = (JSON.parse(readFileSync(join(CONSOLE, 'tsconfig.json'), 'utf8')) as { files: string[] }).files;
    for (const f of committed) {
      expect(roots, f).toContain(`js/${f.replace('.d.mts', '.mjs')}`);
      expect(readFileSync(join(CONSOLE, 'js', f), 'utf8'), f).toBe(emitted(f));
    }
  });

  it('pages carry no inline script or style (the web CSP allows neither) and every page has a title, lang and main', () => {
    // Prepare: the pages as the deploy and the local runtime serve them, rendered from web/console/shell.html.
    const pages = Object.keys(CONSOLE_PAGES) as ConsolePage[];
    const modules = readdirSync(join(CONSOLE, 'js')).filter((f) => f.endsWith('.mjs'));

    // Act
    const pageTexts = pages.map((p) => ({ p, text: renderConsolePage(p) }));
    const moduleTexts = modules.map((f) => ({ f, text: readFileSync(join(CONSOLE, 'js', f), 'utf8') }));

    // Assess
    expect(pages.sort()).toEqual([
      'alerts.html',
      'case.html',
      'figures.html',
      'index.html',
      'sign-in.html',
      'signed-out.html',
      'tasks.html',
    ]);
    for (const { p, text } of pageTexts) {
      expect(text, p).toMatch(/<html lang="en"/);
      expect(text, p).toMatch(/<title>[^<]+<\/title>/);
      expect(text, p).toContain('<main class="govuk-main-wrapper" id="main-content">');
      expect(text, p).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text, p).not.toMatch(/\sstyle=/);
    }
    for (const { f, text } of moduleTexts) {
      expect(text, f).not.toMatch(/\sstyle=|\.style\./);
      expect(text, f).not.toMatch(/\bon[a-z]+=/);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { DASH_CHECKLISTS } from '../../functions/core/dash-checklist.js';
import { consoleData, dataFile } from '../../web/console/build-data.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONSOLE = join(ROOT, 'web', 'console');

describe('staff console files', () => {
  it.each(ASSOCIATION_IDS)('web/console/data/%s.json is generated from config and core (run npx tsx web/console/build-data.ts)', (id) => {
    expect(readFileSync(dataFile(id), 'utf8')).toBe(consoleData(id));
  });

  it('002 §6: the console asks all 24 DASH questions of the checklist core scores, and pathways only where the association uses them', () => {
    const checklist = Object.values(DASH_CHECKLISTS)[0]!;
    for (const id of ASSOCIATION_IDS) {
      const data = JSON.parse(readFileSync(dataFile(id), 'utf8'));
      expect(data.dash.questions).toHaveLength(24);
      expect(data.dash.version).toBe(checklist.version);
      expect(data.pathways === null).toBe(!getAssociation(id).pathways);
    }
  });

  it('the browser modules type-check as strict JS (JSDoc) and js/view.d.mts matches view.mjs', () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(CONSOLE, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
    const emitted = readFileSync(join(ROOT, 'node_modules', '.cache', 'haven-console-types', 'view.d.mts'), 'utf8');
    expect(readFileSync(join(CONSOLE, 'js', 'view.d.mts'), 'utf8')).toBe(emitted);
  });

  it('pages carry no inline script or style (the web CSP allows neither) and every page has a title, lang and main', () => {
    const pages = readdirSync(CONSOLE).filter((f) => f.endsWith('.html'));
    expect(pages.sort()).toEqual(['case.html', 'figures.html', 'index.html', 'sign-in.html', 'signed-out.html']);
    for (const p of pages) {
      const text = readFileSync(join(CONSOLE, p), 'utf8');
      expect(text, p).toMatch(/<html lang="en"/);
      expect(text, p).toMatch(/<title>[^<]+<\/title>/);
      expect(text, p).toContain('<main class="govuk-main-wrapper" id="main-content">');
      expect(text, p).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text, p).not.toMatch(/\sstyle=/);
    }
    for (const f of readdirSync(join(CONSOLE, 'js')).filter((f) => f.endsWith('.mjs'))) {
      const text = readFileSync(join(CONSOLE, 'js', f), 'utf8');
      expect(text, f).not.toMatch(/\sstyle=|\.style\./);
      expect(text, f).not.toMatch(/\bon[a-z]+=/);
    }
  });
});

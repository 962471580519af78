/**
 * The web bucket's content (lib/web-content.ts stageSite): every file the report form and the staff
 * console ask for is in the uploaded site, at the path the pages use, and nothing that is not site
 * (sources, the local runtime's config, other associations' data) is uploaded.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '../../functions/report-form/layout.js';
import { stageSite, WebContent } from '../../lib/web-content.js';
import { CONSOLE_PAGES, type ConsolePage, isConsolePage, renderConsolePage } from '../../web/console/pages.js';
import { defined } from '../support/defined.js';
import { ROOT, tempApp } from './build.js';

let site: string;
beforeAll(() => {
  site = mkdtempSync(join(tmpdir(), 'haven-site-'));
  stageSite(ROOT, 'wrekin', site);
});
afterAll(() => rmSync(site, { recursive: true, force: true }));

/** Every file under `dir`, as site paths (`console/index.html`). */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

/** The local URLs a file refers to (`href`, `src`, CSS `url()`; a module's relative imports), as site paths. */
function references(sitePath: string, text: string): string[] {
  // A module's markup strings resolve against the page that renders them, so modules are checked for imports only.
  const found = sitePath.endsWith('.mjs')
    ? [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => defined(m[1], 'an import path'))
    : [
        ...[...text.matchAll(/(?:href|src)="([^"#?]+)[^"]*"/g)].map((m) => defined(m[1], 'a URL')),
        ...[...text.matchAll(/url\(([^)#?]+)\)/g)].map((m) => defined(m[1], 'a CSS URL').replace(/^["']|["']$/g, '')),
      ];
  return found
    .filter((u) => !/^([a-z]+:|\/\/|\$\{|data:)/.test(u) && !u.startsWith('/api/') && !u.startsWith('/local/'))
    .map((u) => (u.startsWith('/') ? u.slice(1) : posix.join(posix.dirname(sitePath), u)));
}

describe('web bucket content (mirrors local/static.ts)', () => {
  it('every page, stylesheet and module of the console finds what it links to in the site', () => {
    // Prepare: the wrekin site, staged once (beforeAll).
    const checked = files(site).filter((f) => f.startsWith('console/') && /\.(html|css|mjs)$/.test(f));

    // Act
    const refs = checked.flatMap((f) => references(f, readFileSync(join(site, f), 'utf8')).map((r) => ({ f, r })));

    // Assess
    expect(checked.length).toBeGreaterThan(10);
    expect(refs.filter(({ f, r }) => f.endsWith('.mjs') && r.endsWith('.mjs')).length).toBeGreaterThan(5);
    expect(refs.map(({ r }) => r)).toEqual(
      expect.arrayContaining(['assets/govuk-frontend.min.css', 'assets/haven/js-enabled.js', 'console/console.css']),
    );
    expect(refs.filter(({ r }) => !existsSync(join(site, r))).map(({ f, r }) => `${f} -> ${r}`)).toEqual([]);
  });

  it("the report form's pages (assets at /assets, as report-form/handler.ts defaults) find every asset", () => {
    // Prepare
    const html = layout(
      { associationName: 'Wrekin', basePath: '', assetPath: '/assets', exitUrl: 'https://www.bbc.co.uk/weather' },
      { title: 'Report', main: '<p>x</p>' },
    );

    // Act
    const refs = references('report', html).filter((r) => r.startsWith('assets/'));

    // Assess
    expect(refs).toEqual(
      expect.arrayContaining([
        'assets/govuk-frontend.min.css',
        'assets/haven/haven.css',
        'assets/haven/haven.mjs',
        'assets/haven/js-enabled.js',
        'assets/images/favicon.ico',
      ]),
    );
    for (const r of refs) expect(existsSync(join(site, r)), r).toBe(true);
  });

  it("govuk-frontend's stylesheet finds its fonts and images", () => {
    // Prepare
    const css = readFileSync(join(site, 'assets', 'govuk-frontend.min.css'), 'utf8');

    // Act
    const refs = references('assets/govuk-frontend.min.css', css);

    // Assess
    expect(refs.some((r) => r.startsWith('assets/fonts/'))).toBe(true);
    for (const r of refs) expect(existsSync(join(site, r)), r).toBe(true);
  });

  it("the Exit this page destination and this association's console data are there; no other association's", () => {
    // Prepare: the wrekin site (beforeAll).
    // Act
    const data = JSON.parse(readFileSync(join(site, 'console', 'data', 'wrekin.json'), 'utf8'));
    const dataFiles = readdirSync(join(site, 'console', 'data'));

    // Assess
    expect(existsSync(join(site, 'weather.html'))).toBe(true);
    expect(data.id).toBe('wrekin');
    expect(dataFiles).toEqual(['wrekin.json']);
  });

  it("uploads no sources and not the local runtime's config.json (the stack writes its own)", () => {
    // Prepare: the wrekin site (beforeAll).
    // Act
    const all = files(site);

    // Assess
    expect(all.filter((f) => /\.(ts|d\.mts)$/.test(f) || f.endsWith('tsconfig.json'))).toEqual([]);
    expect(all).not.toContain('console/config.json');
    expect(
      all.filter(
        (f) =>
          f.startsWith('console/') && !existsSync(join(ROOT, 'web', f)) && !isConsolePage(f.slice('console/'.length)),
      ),
    ).toEqual([]);
    expect(all).not.toContain('console/shell.html');
  });

  it("the console's pages are rendered from the shell into console/, one file each, as the local runtime serves them", () => {
    // Prepare: the wrekin site (beforeAll).
    // Act
    const pages = files(join(site, 'console')).filter((f) => f.endsWith('.html'));

    // Assess
    expect(pages.sort()).toEqual(Object.keys(CONSOLE_PAGES).sort());
    for (const name of Object.keys(CONSOLE_PAGES) as ConsolePage[])
      expect(readFileSync(join(site, 'console', name), 'utf8'), name).toBe(renderConsolePage(name));
  });

  it('names a missing association data file and how to make it', () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'haven-site-'));
    try {
      // Act
      const staging = () => stageSite(ROOT, 'no-such-association', out);

      // Assess
      expect(staging).toThrow(/web\/console\/data\/no-such-association\.json is missing.*build-data/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    expect(dirname(out)).toBe(tmpdir());
  });
});

describe('web content of several stacks in one App (scripts/synth-all.ts)', () => {
  it("each association's site carries its own console data, though CDK caches bundled assets per App", () => {
    // Prepare: two stacks in one App.
    const { app, clean } = tempApp();
    try {
      const stacks = ['wrekin', 'sada-herts'].map((id) => {
        const stack = new Stack(app, `Web-${id}`, { env: { region: 'eu-west-2' } });
        new WebContent(stack, 'WebContent', {
          associationId: id,
          projectRoot: ROOT,
          bucket: new Bucket(stack, 'Bucket'),
          distribution: Distribution.fromDistributionAttributes(stack, 'Cdn', {
            distributionId: 'E123',
            domainName: 'd1.cloudfront.net',
          }),
          staffApiUrl: 'https://staff.example.org',
          cognito: {
            domain: `https://haven-${id}-staff.auth.eu-west-2.amazoncognito.com`,
            clientId: 'client',
            scopes: 'openid email profile',
          },
        });
        return { id, stack };
      });

      // Act
      const assembly = app.synth();

      // Assess
      for (const { id, stack } of stacks) {
        const template = assembly.getStackByName(stack.stackName).template as {
          Resources: Record<string, { Type: string; Properties: { SourceObjectKeys: string[] } }>;
        };
        const files = defined(
          Object.values(template.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment'),
          `the web content deployment of ${id}`,
        );
        const siteDir = join(
          assembly.directory,
          `asset.${defined(files.Properties.SourceObjectKeys[0], 'a source object key').replace(/\.zip$/, '')}`,
        );
        expect(readdirSync(join(siteDir, 'console', 'data')), id).toEqual([`${id}.json`]);
      }
    } finally {
      clean();
    }
  });
});

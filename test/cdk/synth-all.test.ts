/**
 * CI (`cdk synth -c association=<id>` for every association, cdk-nag clean): scripts/synth-all.ts
 * synthesises all five stacks with the real handlers, offline, in one App. Each stack bundles each
 * handler with its own association's config built in (lib/bundling.ts), and each bundle carries only the
 * packages its permissions use; the web content is each association's own.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssociationIds } from '../../lib/association-source.js';
import { bundleLimitBytes, unexpectedInputs } from '../../lib/bundling.js';
import { HANDLERS } from '../../lib/handlers.js';
import { type SynthResult, synthAll } from '../../scripts/synth-all.js';
import { defined } from '../support/defined.js';
import { ROOT, type TemplateValue } from './build.js';

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, TemplateValue> }> };

let outdir: string;
let ids: string[];
let results: SynthResult[];
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'cdk.out-haven-all-'));
  ids = await listAssociationIds(ROOT);
  results = await synthAll([...ids, 'no-such-association'], outdir);
  // Eleven handlers bundled for each of five associations (each carries its own config): under the
  // suite's parallel load on two cores this has taken three minutes.
}, 480_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const template = (stackName: string): Template =>
  JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8'));

describe('scripts/synth-all.ts', () => {
  it('synthesises all five associations, each cdk-nag clean', () => {
    // Prepare: every association synthesised once (beforeAll).
    // Act
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));

    // Assess
    expect(ids).toHaveLength(5);
    for (const id of ids) {
      expect(byId[id], id).toMatchObject({ ok: true, stackName: `Haven-${id}`, nag: 'clean' });
      expect(defined(byId[id], `the result for ${id}`).resources, id).toBeGreaterThan(100);
      expect(existsSync(join(outdir, `Haven-${id}.template.json`)), id).toBe(true);
    }
  });

  it('names an association it cannot build, and still builds the others', () => {
    // Prepare: no-such-association was in the list (beforeAll).
    // Act
    const bad = defined(
      results.find((r) => r.id === 'no-such-association'),
      'the result for no-such-association',
    );

    // Assess
    expect(bad).toMatchObject({ ok: false, nag: 'not run' });
    expect(bad.error).toMatch(/Unknown association "no-such-association"/);
  });

  it("each stack deploys its own bundle of each handler: its association's config in it, no other's", () => {
    // Prepare
    const codeOf = (stackName: string) =>
      Object.fromEntries(
        Object.values(template(stackName).Resources)
          .filter(
            (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName ?? '').startsWith('Haven-'),
          )
          .map((r) => [
            String(r.Properties.FunctionName).slice(`${stackName}-`.length),
            join(outdir, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs'),
          ]),
      );

    // Act
    const stacks = ids.map((id) => ({ id, code: codeOf(`Haven-${id}`) }));

    // Assess
    for (const { id, code } of stacks) {
      expect(Object.keys(code).sort(), id).toEqual(HANDLERS.map((h) => h.name).sort());
      for (const [name, file] of Object.entries(code)) {
        const text = readFileSync(file, 'utf8');
        expect(text.includes(`"id":"${id}"`), `${id} ${name}`).toBe(true);
        for (const other of ids.filter((o) => o !== id))
          expect(text.includes(`"id":"${other}"`), `${id} ${name} carries ${other}`).toBe(false);
      }
    }
  });

  it('no deployed bundle carries a package its permissions do not use (the sources its source map lists)', () => {
    // Prepare
    const byName = new Map(HANDLERS.map((h) => [h.name, h]));
    const stackName = `Haven-${defined(ids[0], 'an association')}`;
    const functions = Object.values(template(stackName).Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName ?? '').startsWith('Haven-'),
    );

    // Act
    const found = functions.map((r) => {
      const name = String(r.Properties.FunctionName).slice(`${stackName}-`.length);
      const folder = join(outdir, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      const map = JSON.parse(readFileSync(join(folder, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      return { name, unexpected: unexpectedInputs(defined(byName.get(name), name).permissions, map.sources) };
    });

    // Assess
    expect(found).toHaveLength(HANDLERS.length);
    expect(found.filter((f) => f.unexpected.length)).toEqual([]);
  });

  it('every deployed function of every stack is within its size limit (lib/bundling.ts bundleLimitBytes)', () => {
    // Prepare
    const byName = new Map(HANDLERS.map((h) => [h.name, h]));

    // Act
    const sizes = ids.flatMap((id) =>
      Object.values(template(`Haven-${id}`).Resources)
        .filter(
          (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName ?? '').startsWith('Haven-'),
        )
        .map((r) => {
          const name = String(r.Properties.FunctionName).slice(`Haven-${id}-`.length);
          const file = join(outdir, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs');
          const limit = bundleLimitBytes(defined(byName.get(name), name).permissions);
          return { id, name, bytes: statSync(file).size, limit };
        }),
    );

    // Assess
    expect(sizes).toHaveLength(ids.length * HANDLERS.length);
    expect(sizes.filter((s) => s.bytes > s.limit)).toEqual([]);
    expect(sizes.every((s) => s.bytes > 50 * 1024)).toBe(true);
  });

  it("each stack's web content carries its own association's console data", () => {
    // Prepare: every association synthesised once (beforeAll).
    // Act
    const sites = ids.map((id) => {
      const deployment = Object.values(template(`Haven-${id}`).Resources).find(
        (r) => r.Type === 'Custom::CDKBucketDeployment' && r.Properties.Exclude?.[0] === '*.mjs',
      );
      if (!deployment) throw new Error(`expected the web content deployment of ${id}`);
      return {
        id,
        site: join(outdir, `asset.${String(deployment.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`),
      };
    });

    // Assess
    for (const { id, site } of sites) expect(readdirSync(join(site, 'console', 'data')), id).toEqual([`${id}.json`]);
  });
});

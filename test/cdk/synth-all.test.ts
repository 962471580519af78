/**
 * CI (`cdk synth -c association=<id>` for every association, cdk-nag clean): scripts/synth-all.ts
 * synthesises all five stacks with the real handlers, offline, in one App. Each handler is bundled
 * once and every stack deploys that same zip; the web content is each association's own.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssociationIds } from '../../lib/association-source.js';
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
}, 240_000);
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

  it('every stack deploys the same bundle of each handler, bundled once, and present in the cloud assembly', () => {
    // Prepare
    const codeOf = (stackName: string) =>
      Object.fromEntries(
        Object.values(template(stackName).Resources)
          .filter(
            (r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName ?? '').startsWith('Haven-'),
          )
          .map((r) => [
            String(r.Properties.FunctionName).slice(`${stackName}-`.length),
            r.Properties.Code.S3Key as string,
          ]),
      );

    // Act
    const first = codeOf(`Haven-${ids[0]}`);
    const others = ids.slice(1).map((id) => ({ id, code: codeOf(`Haven-${id}`) }));

    // Assess
    expect(Object.keys(first).sort()).toEqual(HANDLERS.map((h) => h.name).sort());
    for (const { id, code } of others) expect(code, id).toEqual(first);
    for (const key of Object.values(first))
      expect(existsSync(join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs')), key).toBe(true);
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

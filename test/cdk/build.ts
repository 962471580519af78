import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadAssociation, mailDomainFor } from '../../lib/association-source.js';
import { FEATURE_FLAGS } from '../../lib/feature-flags.js';
import { HavenStack, type HavenStackProps } from '../../lib/haven-stack.js';
import { applyNag } from '../../lib/nag.js';

/**
 * A value in a synthesised CloudFormation template. The tests read templates by path (`Properties.A.B`) and the
 * assertions on what they read are the check; as `unknown`, each read would need a cast of its own
 * (53 type errors in these tests when tried), which would check nothing more.
 */
// biome-ignore lint/suspicious/noExplicitAny: a template read by path in the assertions, see above
export type TemplateValue = any;

export const ROOT = join(import.meta.dirname, '..', '..');
/** Every handler entry points here in CDK tests: the stack is under test, not the handlers. */
export const FIXTURE_ENTRY = 'test/cdk/fixtures/handler.ts';

/** A temp cloud-assembly folder and an App writing to it; `clean()` removes it (call in afterAll). */
export function tempApp(): { app: App; clean: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk.out-haven-'));
  const app = new App({ outdir, context: { ...FEATURE_FLAGS } });
  return { app, clean: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Builds one association's stack the way bin/haven.ts does, with fixture handler entries. */
export async function buildHavenStack(
  associationId: string,
  overrides: Partial<HavenStackProps> = {},
): Promise<{ app: App; stack: HavenStack; clean: () => void }> {
  const association = await loadAssociation(ROOT, associationId);
  const { app, clean } = tempApp();
  const stack = new HavenStack(app, {
    association,
    projectRoot: ROOT,
    mailDomain: mailDomainFor(association),
    entryFor: () => FIXTURE_ENTRY,
    env: { region: 'eu-west-2' },
    ...overrides,
  });
  applyNag(app);
  return { app, stack, clean };
}

interface TreeNode {
  node: { path: string; scope?: TreeNode; metadata: readonly { type: string; data?: unknown }[] };
}

/** Runs AwsSolutions over a built scope: findings left unacknowledged, and acknowledgements no finding used. */
export function nagAudit(scope: Stack): { unacknowledged: string[]; unused: string[] } {
  const pack = new AwsSolutionsChecks(scope);
  const used = new Set<string>();
  const p = pack as unknown as { isAcknowledged: (node: { node: { path: string } }, id: string) => boolean };
  const original = p.isAcknowledged.bind(pack);
  p.isAcknowledged = (node, id) => {
    const ok = original(node, id);
    if (ok) {
      // Record which ancestor carries the acknowledgement.
      let current = node as unknown as TreeNode | undefined;
      while (current) {
        for (const m of current.node.metadata) {
          const data = m.data as Record<string, string> | undefined;
          if (
            m.type === 'aws:cdk:acknowledged-rules' &&
            data &&
            Object.keys(data).some((k) => k.replace(/^annotation::/i, '') === id)
          ) {
            used.add(`${current.node.path} ${id}`);
          }
        }
        current = current.node.scope;
      }
    }
    return ok;
  };
  const result = pack.validateScope(scope);
  const acknowledged: string[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === 'aws:cdk:acknowledged-rules' && m.data) {
        for (const k of Object.keys(m.data as Record<string, string>))
          acknowledged.push(`${c.node.path} ${k.replace(/^annotation::/i, '')}`);
      }
    }
  }
  return {
    unacknowledged: result.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`),
    ),
    unused: acknowledged.filter((a) => !used.has(a)),
  };
}

import { App } from 'aws-cdk-lib';
import { loadAssociation, mailDomainFor } from './association-source.js';
import { FEATURE_FLAGS } from './feature-flags.js';
import { HavenStack } from './haven-stack.js';
import { applyNag } from './nag.js';

export interface BuildAppOptions {
  readonly root: string;
  /** Context as `cdk -c` passes it: `association` (required), `mailDomain`, `formOrigin`, `account`. */
  readonly context?: Record<string, string | undefined>;
  /** Cloud assembly folder; default the CLI's (`CDK_OUTDIR`) or `cdk.out`. */
  readonly outdir?: string;
}

/** Builds the CDK app for one association with cdk-nag attached; `app.synth()` then validates and writes it. */
export async function buildApp(options: BuildAppOptions): Promise<{ app: App; stack: HavenStack }> {
  const app = new App({ outdir: options.outdir, context: { ...FEATURE_FLAGS, ...definedOnly(options.context ?? {}) } });
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const id = context('association');
  if (!id) throw new Error('Name the association: npx cdk synth -c association=<id>');
  const association = await loadAssociation(options.root, id);
  const stack = new HavenStack(app, {
    association,
    projectRoot: options.root,
    mailDomain: mailDomainFor(association, context('mailDomain')),
    formOrigin: context('formOrigin'),
    env: { region: 'eu-west-2', account: context('account') },
  });
  applyNag(app);
  return { app, stack };
}

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

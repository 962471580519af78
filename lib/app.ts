import { App } from 'aws-cdk-lib';
import { loadAssociation, mailDomainFor } from './association-source.js';
import { FEATURE_FLAGS } from './feature-flags.js';
import { HavenStack } from './haven-stack.js';
import { applyNag } from './nag.js';

export interface BuildAppOptions {
  readonly root: string;
  /** Context as `cdk -c` passes it: `association` (required), `mailDomain`, `formOrigin`, `authDomainPrefix`, `account`. */
  readonly context?: Record<string, string | undefined>;
  /** Cloud assembly folder; default the CLI's (`CDK_OUTDIR`) or `cdk.out`. */
  readonly outdir?: string;
}

/** A CDK App with Haven's feature flags and the given context (`cdk -c` values; undefined ones dropped). */
export function havenApp(options: Omit<BuildAppOptions, 'root'> = {}): App {
  return new App({ outdir: options.outdir, context: { ...FEATURE_FLAGS, ...definedOnly(options.context ?? {}) } });
}

/**
 * Adds association `id`'s stack to `app`, reading `mailDomain`, `formOrigin`, `authDomainPrefix` and `account` from the
 * app's context exactly as `cdk synth -c association=<id>` does.
 */
export async function addHavenStack(app: App, root: string, id: string): Promise<HavenStack> {
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const association = await loadAssociation(root, id);
  return new HavenStack(app, {
    association,
    projectRoot: root,
    mailDomain: mailDomainFor(association, context('mailDomain')),
    formOrigin: context('formOrigin'),
    authDomainPrefix: context('authDomainPrefix'),
    env: { region: 'eu-west-2', account: context('account') },
  });
}

/** Builds the CDK app for one association with cdk-nag attached; `app.synth()` then validates and writes it. */
export async function buildApp(options: BuildAppOptions): Promise<{ app: App; stack: HavenStack }> {
  const app = havenApp(options);
  const id = app.node.tryGetContext('association') as string | undefined;
  if (!id) throw new Error('Name the association: npx cdk synth -c association=<id>');
  const stack = await addHavenStack(app, options.root, id);
  applyNag(app);
  return { app, stack };
}

function definedOnly(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

#!/usr/bin/env node
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { loadAssociation, mailDomainFor } from '../lib/association-source.js';
import { FEATURE_FLAGS } from '../lib/feature-flags.js';
import { HavenStack } from '../lib/haven-stack.js';
import { applyNag } from '../lib/nag.js';

/** The CDK app: one stack for the association named by `-c association=<id>`. */
async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const id = app.node.tryGetContext('association') as string | undefined;
  if (!id) throw new Error('Name the association: npx cdk synth -c association=<id>');
  const association = await loadAssociation(root, id);
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  new HavenStack(app, {
    association,
    projectRoot: root,
    mailDomain: mailDomainFor(association, context('mailDomain')),
    formOrigin: context('formOrigin'),
    env: { region: 'eu-west-2', account: context('account') },
  });
  applyNag(app);
  app.synth();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * The deployed association's config in a Lambda bundle: lib/functions.ts builds each function with its
 * association's validated config as the text of `__HAVEN_ASSOCIATION__` (an esbuild define, lib/bundling.ts),
 * so a bundle carries that one association, not config/index.ts with all of them. Parsed once per container,
 * on first use. Tests of the deployed wiring set the same global (`vi.stubGlobal`); the local runtime and
 * every other test use config/index.ts and never come here.
 */
import { type AssociationConfig, parseAssociationConfig } from '../core/association.js';

declare const __HAVEN_ASSOCIATION__: string | undefined;

let parsed: { text: string; config: AssociationConfig } | undefined;

/** The association this bundle was built for; it must be ASSOCIATION_ID's, or the function is misconfigured. */
export function deployedAssociation(associationId = process.env.ASSOCIATION_ID): AssociationConfig {
  if (typeof __HAVEN_ASSOCIATION__ !== 'string')
    throw new Error("this bundle was built without its association's config (__HAVEN_ASSOCIATION__: lib/bundling.ts)");
  if (parsed?.text !== __HAVEN_ASSOCIATION__)
    parsed = {
      text: __HAVEN_ASSOCIATION__,
      config: parseAssociationConfig(JSON.parse(__HAVEN_ASSOCIATION__), 'the bundled association config'),
    };
  const { config } = parsed;
  if (config.id !== associationId)
    throw new Error(
      `this bundle carries the config of association "${config.id}", not of "${associationId ?? '(none)'}"`,
    );
  return config;
}

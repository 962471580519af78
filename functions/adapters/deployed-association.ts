/**
 * The deployed association's config in a Lambda bundle: lib/functions.ts builds each function with its
 * association's config as the text of `__HAVEN_ASSOCIATION__` (an esbuild define, lib/bundling.ts
 * `bundledAssociationText`), so a bundle carries that one association, not config/index.ts with all of them.
 * The text is the config as lib/bundling.ts parsed it at synth (schema checked, defaults applied), inside
 * an envelope naming that format: no Lambda carries or runs the association schema at cold start. Here
 * the envelope and the id are checked, once per container on first use. Tests of the deployed wiring set
 * the same global (`vi.stubGlobal`); the local runtime and every other test use config/index.ts.
 */
import { BUNDLED_ASSOCIATION_FORMAT } from '../contract/bundled-association.js';
import type { AssociationConfig } from '../core/association.js';

declare const __HAVEN_ASSOCIATION__: string | undefined;

let parsed: { text: string; config: AssociationConfig } | undefined;

/** The bundled text (read through one function, so esbuild inlines the config once). */
function bundledText(): string | undefined {
  return typeof __HAVEN_ASSOCIATION__ === 'string' ? __HAVEN_ASSOCIATION__ : undefined;
}

/** The config inside the envelope lib/bundling.ts writes; a text without it fails, naming why. */
function unwrap(text: string): AssociationConfig {
  const envelope = JSON.parse(text) as { format?: unknown; config?: { id?: unknown } } | null;
  if (envelope?.format !== BUNDLED_ASSOCIATION_FORMAT || typeof envelope.config?.id !== 'string')
    throw new Error(
      `the bundled association config is not one lib/bundling.ts validated at synth (format "${BUNDLED_ASSOCIATION_FORMAT}")`,
    );
  return envelope.config as AssociationConfig;
}

/** The association this bundle was built for; it must be ASSOCIATION_ID's, or the function is misconfigured. */
export function deployedAssociation(associationId = process.env.ASSOCIATION_ID): AssociationConfig {
  const text = bundledText();
  if (text === undefined)
    throw new Error("this bundle was built without its association's config (__HAVEN_ASSOCIATION__: lib/bundling.ts)");
  if (parsed?.text !== text) parsed = { text, config: unwrap(text) };
  const { config } = parsed;
  if (config.id !== associationId)
    throw new Error(
      `this bundle carries the config of association "${config.id}", not of "${associationId ?? '(none)'}"`,
    );
  return config;
}

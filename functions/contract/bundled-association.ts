/**
 * The envelope around the association config a Lambda bundle carries: lib/bundling.ts writes it around
 * the config it parsed at synth, functions/adapters/deployed-association.ts refuses any text without it.
 */
export const BUNDLED_ASSOCIATION_FORMAT = 'haven-association-validated/1';

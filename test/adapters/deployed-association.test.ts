/**
 * What a Lambda bundle reads in place of config/index.ts and of the SDK's default credential chain
 * (lib/bundling.ts): its one association's config, built in at synth, and the environment's credentials.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { defaultProvider } from '../../functions/adapters/bundle/credentials.js';
import { deployedAssociation } from '../../functions/adapters/deployed-association.js';
import { BUNDLED_ASSOCIATION_FORMAT } from '../../functions/contract/bundled-association.js';
import { bundledAssociationText } from '../../lib/bundling.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('the association config a bundle carries', () => {
  it('is the validated config of the association it was built for', () => {
    // Prepare
    vi.stubGlobal('__HAVEN_ASSOCIATION__', bundledAssociationText(getAssociation('sada-herts')));

    // Act
    const config = deployedAssociation('sada-herts');

    // Assess
    expect(config).toEqual(getAssociation('sada-herts'));
  });

  it('refuses another association’s id, naming both', () => {
    // Prepare
    vi.stubGlobal('__HAVEN_ASSOCIATION__', bundledAssociationText(getAssociation('wrekin')));

    // Act + Assess
    expect(() => deployedAssociation('housing-21')).toThrow(
      'this bundle carries the config of association "wrekin", not of "housing-21"',
    );
  });

  it('refuses a bundle built without one, and a config text not validated at synth', () => {
    // Prepare: no global at first.
    // Act + Assess
    expect(() => deployedAssociation('wrekin')).toThrow(/built without its association's config/);

    // Prepare: the raw config, not the envelope lib/bundling.ts writes around what it parsed.
    vi.stubGlobal('__HAVEN_ASSOCIATION__', JSON.stringify(getAssociation('wrekin')));

    // Act + Assess
    expect(() => deployedAssociation('wrekin')).toThrow(/not one lib\/bundling\.ts validated at synth/);
  });
});

describe('the association config built into a bundle at synth', () => {
  it('is the parsed config, defaults applied, and synth refuses one that does not validate', () => {
    // Prepare
    const config = getAssociation('wrekin');
    const invalid = { ...config, areas: 'none' } as unknown as typeof config;

    // Act
    const text = bundledAssociationText(config);

    // Assess
    expect(JSON.parse(text)).toEqual({ format: BUNDLED_ASSOCIATION_FORMAT, config });
    expect(() => bundledAssociationText(invalid)).toThrow(/Invalid association config of association "wrekin"/);
  });
});

describe('the credentials a bundle signs with', () => {
  it('are the environment’s, as Lambda gives the role’s', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');

    // Act
    const credentials = await defaultProvider({})();

    // Assess
    expect(credentials).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('fail clearly without them, as the name the SDK treats as "no request made"', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);

    // Act
    const error = await defaultProvider()().catch((e: unknown) => e as Error);

    // Assess
    expect(error).toMatchObject({ name: 'CredentialsProviderError' });
    expect((error as Error).message).toMatch(/no AWS credentials in the environment/);
  });
});

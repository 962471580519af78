/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (lib/bundling.ts aliases
 * it here; tests and the local runtime keep the SDK's own chain). Every SDK client's runtime config takes
 * `defaultProvider` from that package, whose chain (SSO, ini files, process, web identity, the instance
 * metadata service, the STS and SSO clients) esbuild inlines whole into a single-file bundle: ~95 KB that
 * a Lambda never runs, as Lambda always gives the function's role credentials in its environment.
 * So: the environment's credentials, read as the SDK's `fromEnv` reads them, and a clear error without them.
 */

/** The credentials an SDK client signs with (the shape of `@smithy/types` AwsCredentialIdentity). */
interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
}

/** Thrown when the environment holds no credentials: the name the SDK's own provider chain uses. */
class CredentialsProviderError extends Error {
  override name = 'CredentialsProviderError';
}

/**
 * The provider each SDK client calls for its credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN (with AWS_CREDENTIAL_EXPIRATION and AWS_ACCOUNT_ID when set), read at each call.
 */
export const defaultProvider = (_init?: unknown) => async (): Promise<EnvironmentCredentials> => {
  const env = process.env;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new CredentialsProviderError(
      'no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): this bundle reads only those, as Lambda gives them',
    );
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
    ...(env.AWS_ACCOUNT_ID ? { accountId: env.AWS_ACCOUNT_ID } : {}),
  };
};

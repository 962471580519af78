/**
 * Stands in for `@aws-crypto/client-node` in the Lambda bundles only (lib/bundling.ts aliases it here):
 * the umbrella re-exports every keyring, the caching materials manager and the branch keystore (with a
 * DynamoDB client of its own), and esbuild keeps all of them through its `export *`. This gives the parts
 * functions/adapters/encryption-sdk.ts takes, from the packages that hold them (the umbrella's own
 * dependencies, at its version), and `buildClient` as the umbrella writes it: the same classes, so the
 * same suite, commitment policy and keyrings.
 */
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';

export { KmsKeyringNode } from '@aws-crypto/kms-keyring-node';
export { AlgorithmSuiteIdentifier, CommitmentPolicy } from '@aws-crypto/material-management-node';
export { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';

/** `@aws-crypto/client-node`'s buildClient: encrypt and decrypt under one commitment policy. */
export function buildClient(options: Parameters<typeof buildEncrypt>[0] & Parameters<typeof buildDecrypt>[0]) {
  return { ...buildEncrypt(options), ...buildDecrypt(options) };
}

/**
 * The parts of the AWS Encryption SDK field-crypto.ts uses, by name: loaded on first use there, and in a
 * Lambda bundle (which inlines that `import()`) the only parts of the SDK kept, as lib/bundling.ts points
 * esbuild at the SDK's ES module build, where unused keyrings and the branch keystore fall away.
 */
export {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';

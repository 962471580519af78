/**
 * Stands in for `@aws-sdk/client-kms` in the Lambda bundles only (lib/bundling.ts aliases it here; tests
 * and the local runtime keep the package itself). Its one importer in a bundle is the Encryption SDK's KMS
 * keyring (@aws-crypto/kms-keyring-node), which builds the aggregated `KMS` client: that class carries
 * every KMS command (~50 KB), where the keyring calls three, `generateDataKey`, `encrypt` and `decrypt`
 * (@aws-crypto/kms-keyring helpers.js; kms_client_supplier.js wraps the same three). So: `KMS` as the
 * package's `KMSClient` (the same configuration, signing, retries and errors) with those three methods,
 * each sending the package's own command.
 *
 * JavaScript, importing the package's own files by relative path: esbuild's alias applies to every import
 * of the package name (subpaths too), so the real package is reached by its files (which tsc cannot type),
 * one per part, so the other commands and their schemas are not reached at all.
 * test/adapters/bundled-kms.test.ts runs a KMS keyring from a built bundle against a recording endpoint.
 */
import { DecryptCommand } from '../../../node_modules/@aws-sdk/client-kms/dist-es/commands/DecryptCommand.js';
import { EncryptCommand } from '../../../node_modules/@aws-sdk/client-kms/dist-es/commands/EncryptCommand.js';
import { GenerateDataKeyCommand } from '../../../node_modules/@aws-sdk/client-kms/dist-es/commands/GenerateDataKeyCommand.js';
import { KMSClient } from '../../../node_modules/@aws-sdk/client-kms/dist-es/KMSClient.js';

/** What the keyring constructs (`new KMS(config)`): a KMSClient with the keyring's three calls. */
export class KMS extends KMSClient {
  /** @param {import('@aws-sdk/client-kms').GenerateDataKeyCommandInput} input */
  generateDataKey(input) {
    return this.send(new GenerateDataKeyCommand(input));
  }

  /** @param {import('@aws-sdk/client-kms').EncryptCommandInput} input */
  encrypt(input) {
    return this.send(new EncryptCommand(input));
  }

  /** @param {import('@aws-sdk/client-kms').DecryptCommandInput} input */
  decrypt(input) {
    return this.send(new DecryptCommand(input));
  }
}

/**
 * Stands in for `asn1.js` in the Lambda bundles only (lib/bundling.ts aliases it here): ~66 KB with its
 * own bn.js copy. The Encryption SDK uses it for one thing: the DER form of ECDSA signatures and the PEM
 * form of signing keys (@aws-crypto/serialize ecdsa_signature, material-management pem_helpers), which
 * only the signing suites reach. Haven seals and opens with the non-signing committing suite only
 * (field-crypto.ts: ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY, `open` refuses any context beyond
 * its own two keys), so those paths never run; if one ever did, it fails here, loudly, and field-crypto.ts
 * turns that into its CryptoError. test/adapters/bundled-crypto.test.ts seals and opens from a built bundle.
 */

const unavailable = (): never => {
  throw new Error('ECDSA signing suites are not in this bundle (asn1.js is left out: lib/bundling.ts)');
};

/** What the SDK calls at module load (`asn.define(name, body)`); any encode or decode fails. */
const asn1 = {
  define: (_name: string, _body: unknown) => ({ encode: unavailable, decode: unavailable }),
  bignum: {
    BN: function BN() {
      unavailable();
    },
  },
};

export default asn1;

/**
 * Stands in for `readable-stream` in the Lambda bundles only (lib/bundling.ts aliases it here; tests and
 * the local runtime keep the package): ~37 KB, a copy of Node 10's streams that the Encryption SDK's
 * encrypt and decrypt streams (and duplexify under them) build on. Node's own `stream` is the same API,
 * and the package itself offers that swap (`READABLE_STREAM=disable` makes it export Node's streams);
 * this makes it at build time, with the one difference the SDK meets (`pipeline` without a callback). test/adapters/bundled-crypto.test.ts seals, opens and refuses tampered
 * envelopes from a built bundle, bundled-kms.test.ts does so through the KMS keyring.
 */
import Stream from 'node:stream';

export const { Duplex, finished, PassThrough, Readable, Transform, Writable } = Stream;
export { Stream };

/**
 * readable-stream's `pipeline`, whose callback is optional (the Encryption SDK calls it without one, then
 * listens on the streams themselves); Node's requires it, so a call without one gets readable-stream's
 * no-op in its place.
 */
export function pipeline(...streams: unknown[]): NodeJS.WritableStream {
  const last = streams[streams.length - 1];
  const args = typeof last === 'function' ? streams : [...streams, () => {}];
  return (Stream.pipeline as (...a: unknown[]) => NodeJS.WritableStream)(...args);
}

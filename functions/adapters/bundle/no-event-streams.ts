/**
 * Stands in for `@smithy/core/event-streams` in the Lambda bundles only (lib/bundling.ts aliases it here;
 * tests and the local runtime keep the package): ~14 KB that the SDK's HTTP protocol loads (a dynamic
 * `import()`, which esbuild inlines) only to send or read an operation's event stream. None of the
 * clients a bundle carries (DynamoDB, Step Functions, SES, SNS, KMS, Secrets Manager, Cognito) has an
 * operation with a streaming member at all; test/adapters/bundled-sdk.test.ts checks that in each
 * client's schemas, so an SDK update that adds one fails there. Were the path ever reached, it fails
 * here, loudly, naming this file.
 */

const unavailable = (): never => {
  throw new Error('event streams are not in this bundle (@smithy/core/event-streams is left out: lib/bundling.ts)');
};

/** What the protocol takes from the module (HttpProtocol.loadEventStreamCapability); each refuses. */
export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}

export const eventStreamSerdeProvider = unavailable;

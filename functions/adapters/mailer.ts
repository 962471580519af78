/**
 * Sends the lifecycle's emails through SESv2 with a claim per idempotency key (docs/delivery.md):
 * the send is claimed with a conditional write before SES is called, and the SES client makes one
 * request per claim (no SDK retries). What SES answers decides what the claim becomes:
 * - accepted: the claim is marked sent; any later attempt sends nothing;
 * - refused (SES answered with an error, or no request was made): nothing went. A retryable refusal
 *   (throttling, SES-side faults, no connection) releases the claim and throws a MailError, so the step's
 *   own Retry sends again; a permanent one (MessageRejected, a bad request, an address SES won't take)
 *   settles the claim `refused` and is `refused`, for the caller to record and alarm: it is never resent;
 * - no answer after the request went (timeout, connection reset): the email may have gone. It counts as
 *   one possible copy and is not sent again blindly: `maybe-sent`, for the caller to record and alarm.
 * The claim is marked `sending` just before the request: a claim found `sending` and unsettled (the Lambda
 * died mid-send) counts as a possible copy too; one found only `claimed` never reached SES.
 * An email with no recipients is `no-recipients`: nothing is sent, for the caller to record and alarm. `copies` allows one
 * resend after a possible copy (immediate-danger and high-risk alerts): never more than two go out.
 * Bodies are built in core and hold no personal data.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { SESv2Client, type SESv2ClientConfig, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** One email. `idempotencyKey` is a plain token: the same key on the same case is sent once. */
export interface OutgoingEmail {
  idempotencyKey: string;
  to: string[];
  subject: string;
  text: string;
}

/**
 * What became of a send: SES took it, it was taken before, it may have gone (no answer; not resent), SES
 * refused it for good (not resent), or it had nobody to go to.
 */
export type SendOutcome =
  | { outcome: 'sent' }
  | { outcome: 'already-sent' }
  | { outcome: 'maybe-sent'; errorName: string }
  | { outcome: 'refused'; errorName: string }
  | { outcome: 'no-recipients' };

/** How many copies may go out at most: 1 (the default), or 2 for an alert worth one resend after a lost answer. */
export interface SendPolicy {
  copies?: 1 | 2;
}

/** Sends emails about a case. */
export interface Mailer {
  /** Sends unless the key was sent, or may have gone as often as the policy allows, for the case. */
  send(caseId: string, email: OutgoingEmail, policy?: SendPolicy): Promise<SendOutcome>;
}

/**
 * What a claim on a send key found: go ahead (this attempt's `token`), it was sent, it may have gone
 * `copies` times already, or SES refused it for good.
 */
export type SendClaim =
  | { claim: 'claimed'; token?: string }
  | { claim: 'sent' }
  | { claim: 'maybe-sent' }
  | { claim: 'refused' };

/**
 * A claim moved on: `sending` (the request is about to go), then sent, released (nothing went, may try
 * again), refused (nothing went, never again) or uncertain (one more possible copy).
 */
export type SendSettlement = 'sending' | 'sent' | 'released' | 'refused' | 'uncertain';

/** Where send claims live (the workflow store implements this with conditional writes). */
export interface SendMarkers {
  /** Claims the key unless it was sent or has `copies` possible copies out already. */
  claimSend(caseId: string, key: string, copies: number, at: Date): Promise<SendClaim>;
  /**
   * Moves this attempt's claim (`token`) on. `sending` throws ClaimTakenError if a later attempt took the
   * claim over: this one must not call SES.
   */
  settleSend(caseId: string, key: string, how: SendSettlement, token?: string): Promise<void>;
}

/** The claim was taken over by a later attempt (this one was presumed dead): it must not send. */
export class ClaimTakenError extends Error {
  readonly safeMessage = true;
  constructor() {
    super('the send was claimed by a later attempt');
    this.name = 'ClaimTakenError';
  }
}

/**
 * A send SES refused or could not take. The message is fixed words and the SDK error class only: SES
 * messages can name an address (sandbox "Email address is not verified … : <address>"), and a
 * recipient may be the victim's safe contact, so the SDK's own message never travels on.
 */
export class MailError extends Error {
  /** The message holds no personal data: the lifecycle wrapper may pass it on as is. */
  readonly safeMessage = true;
  /** True for throttling and SES-side faults, where a later attempt may succeed. */
  readonly retryable: boolean;
  /** The SDK error's class (e.g. MessageRejected), or UnknownError. */
  readonly sdkError: string;
  constructor(sdkError: string, retryable: boolean) {
    super(`SES refused the message (${sdkError})`);
    this.name = 'MailError';
    this.sdkError = sdkError;
    this.retryable = retryable;
  }
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'SendingPausedException',
]);

/** Network errors that mean the request never reached SES: nothing can have been sent. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** SDK errors raised before any request is made (credentials, endpoint, signing): nothing went. */
const BEFORE_REQUEST = new Set(['CredentialsProviderError', 'TokenProviderError', 'EndpointError', 'ProviderError']);

/** The error's class as a plain token. */
function classOf(e: unknown): string {
  const raw = (e as { name?: unknown } | null)?.name;
  return typeof raw === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(raw) ? raw : 'UnknownError';
}

/**
 * What a failed SES call means. `accepted`: SES answered 2xx (only its body failed to parse), so it was
 * sent. `refused`: SES answered with an error status, or no connection was made (refused, unresolvable,
 * or timed out connecting), so nothing went. `no-answer`: anything else without a status — a reset, a
 * timeout or an abort after the request may have reached SES.
 */
export function classifySesFailure(
  e: unknown,
): { kind: 'accepted' } | { kind: 'refused'; error: MailError } | { kind: 'no-answer'; errorName: string } {
  const meta = e as {
    code?: unknown;
    message?: unknown;
    $retryable?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  const sdkError = classOf(e);
  const status = meta?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'accepted' };
  const code = typeof meta?.code === 'string' && /^[A-Z_]{2,32}$/.test(meta.code) ? meta.code : '';
  const connectTimeout =
    sdkError === 'TimeoutError' &&
    typeof meta?.message === 'string' &&
    /establish(ing)? a connection/.test(meta.message);
  if (status === undefined && !NEVER_CONNECTED.has(code) && !connectTimeout && !BEFORE_REQUEST.has(sdkError))
    return { kind: 'no-answer', errorName: code || sdkError };
  const retryable =
    status === undefined ||
    THROTTLING.has(sdkError) ||
    Boolean(meta?.$retryable) ||
    meta?.$fault === 'server' ||
    status === 429 ||
    status >= 500;
  return { kind: 'refused', error: new MailError(code && status === undefined ? code : sdkError, retryable) };
}

/** Options for the SDK's Node HTTP handler (timeouts); the agents are the client's own. */
type HandlerOptions = Exclude<NonNullable<SESv2ClientConfig['requestHandler']>, { handle: unknown }>;

/**
 * An SESv2 client that makes one request per send (the claim is per request): use it for the mailer.
 * No keep-alive: with one attempt, a pooled socket SES closed while the Lambda was frozen would fail the
 * request with a reset, read as "maybe sent" though nothing went; a fresh connection per send fails to
 * connect instead, read as refused.
 */
export function singleAttemptSesClient(
  config: Omit<SESv2ClientConfig, 'requestHandler'> & { requestHandler?: HandlerOptions } = {},
): SESv2Client {
  return new SESv2Client({
    ...config,
    maxAttempts: 1,
    requestHandler: {
      ...config.requestHandler,
      httpAgent: new HttpAgent({ keepAlive: false }),
      httpsAgent: new HttpsAgent({ keepAlive: false }),
    },
  });
}

/** The SESv2 mailer. Refuses a client that retries by itself: one claim must be one SES request. */
export function createSesMailer(options: {
  client: SESv2Client;
  from: string;
  markers: SendMarkers;
  now: () => Date;
  configurationSet?: string;
}): Mailer {
  const { client, from, markers, now } = options;
  let checked = false;
  const oneAttempt = async () => {
    if (checked) return;
    const attempts = await client.config.maxAttempts();
    if (attempts !== 1) throw new Error('the SES client must make one attempt per send (singleAttemptSesClient)');
    checked = true;
  };
  return {
    async send(caseId, email, policy = {}) {
      if (email.to.length === 0) return { outcome: 'no-recipients' };
      await oneAttempt();
      const key = email.idempotencyKey;
      const command = new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: email.to },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        },
        ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
      });
      let lastNoAnswer = 'Interrupted';
      // At most `copies` passes: each no-answer counts one possible copy against the claim.
      for (;;) {
        const claim = await markers.claimSend(caseId, key, policy.copies ?? 1, now());
        if (claim.claim === 'sent') return { outcome: 'already-sent' };
        if (claim.claim === 'maybe-sent') return { outcome: 'maybe-sent', errorName: lastNoAnswer };
        if (claim.claim === 'refused') return { outcome: 'refused', errorName: 'Refused' };
        const { token } = claim;
        await markers.settleSend(caseId, key, 'sending', token);
        try {
          await client.send(command);
        } catch (e) {
          const failure = classifySesFailure(e);
          if (failure.kind === 'accepted') {
            await markers.settleSend(caseId, key, 'sent', token);
            return { outcome: 'sent' };
          }
          if (failure.kind === 'refused') {
            const { error } = failure;
            await markers.settleSend(caseId, key, error.retryable ? 'released' : 'refused', token);
            if (!error.retryable) return { outcome: 'refused', errorName: error.sdkError };
            // Not `cause: e`: the SDK error's message may name the recipient.
            throw error;
          }
          await markers.settleSend(caseId, key, 'uncertain', token);
          lastNoAnswer = failure.errorName;
          continue;
        }
        await markers.settleSend(caseId, key, 'sent', token);
        return { outcome: 'sent' };
      }
    },
  };
}

/**
 * Sends the lifecycle's emails through SESv2, at most once per idempotency key in the ordinary case:
 * a send marker is written after SES accepts the message, and a retry that finds it sends nothing.
 * (SES has no idempotency key; the only window for a repeat is a crash between SES accepting and the
 * marker write.) Bodies are built in core/escalation.ts and hold no personal data.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** One email. `idempotencyKey` is a plain token: the same key on the same case is sent once. */
export interface OutgoingEmail {
  idempotencyKey: string;
  to: string[];
  subject: string;
  text: string;
}

/** Sends emails about a case. */
export interface Mailer {
  /** Sends unless an email with the same key was already sent for the case. */
  send(caseId: string, email: OutgoingEmail): Promise<'sent' | 'already-sent'>;
}

/** Where send markers live (the workflow store implements this). */
export interface SendMarkers {
  hasMarker(caseId: string, key: string): Promise<boolean>;
  putMarker(caseId: string, key: string, at: Date): Promise<void>;
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

/** Turns whatever the SDK threw into a MailError carrying its class only. */
function mailErrorFrom(e: unknown): MailError {
  const raw = (e as { name?: unknown } | null)?.name;
  const sdkError = typeof raw === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(raw) ? raw : 'UnknownError';
  const meta = e as { $retryable?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  const status = meta?.$metadata?.httpStatusCode;
  const retryable =
    THROTTLING.has(sdkError) ||
    Boolean(meta?.$retryable) ||
    meta?.$fault === 'server' ||
    status === 429 ||
    (status !== undefined && status >= 500);
  return new MailError(sdkError, retryable);
}

/** The SESv2 mailer. */
export function createSesMailer(options: {
  client: SESv2Client;
  from: string;
  markers: SendMarkers;
  now: () => Date;
  configurationSet?: string;
}): Mailer {
  const { client, from, markers, now } = options;
  return {
    async send(caseId, email) {
      if (email.to.length === 0) return 'already-sent';
      if (await markers.hasMarker(caseId, email.idempotencyKey)) return 'already-sent';
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
      try {
        await client.send(command);
      } catch (e) {
        // Not `cause: e`: the SDK error's message may name the recipient.
        throw mailErrorFrom(e);
      }
      await markers.putMarker(caseId, email.idempotencyKey, now());
      return 'sent';
    },
  };
}

/**
 * Sends the lifecycle's emails through SESv2, at most once per idempotency key in the ordinary case:
 * a send marker is written after SES accepts the message, and a retry that finds it sends nothing.
 * (SES has no idempotency key; the only window for a repeat is a crash between SES accepting and the
 * marker write.) Bodies are built in core/escalation.ts and hold no personal data.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

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

/** The SESv2 mailer. */
export function createSesMailer(options: { client: SESv2Client; from: string; markers: SendMarkers; now: () => Date; configurationSet?: string }): Mailer {
  const { client, from, markers, now } = options;
  return {
    async send(caseId, email) {
      if (email.to.length === 0) return 'already-sent';
      if (await markers.hasMarker(caseId, email.idempotencyKey)) return 'already-sent';
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: email.to },
          Content: { Simple: { Subject: { Data: email.subject, Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } } },
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        }),
      );
      await markers.putMarker(caseId, email.idempotencyKey, now());
      return 'sent';
    },
  };
}

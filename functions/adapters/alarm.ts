/**
 * The operations alarm: a message on the stack's encrypted alarm topic (lib/alarms.ts), which the
 * operations mailbox subscribes to by email. It does not go through SES, so a fault in mail (or in the
 * case table) can still be heard. The message is built in core (ids, stage, error class, case link:
 * no personal data). On one machine the topic is in-process: a list tests read, and a subscriber that
 * emails the association's operations mailbox through the SES mock.
 */

import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { alarmWords, type EmailText, type OperationsAlarm } from '../core/escalation.js';

/** Where alarms are raised. */
export interface AlarmTopic {
  /** Publishes the alarm; throws if the topic did not take it. */
  raise(alarm: OperationsAlarm): Promise<void>;
}

/** SNS subjects are printable ASCII on one line, at most 100 characters. */
function snsSubject(subject: string): string {
  return subject.replace(/[^\x20-\x7e]/g, '-').slice(0, 100);
}

/** The alarm topic in AWS (ALARM_TOPIC_ARN): one SNS Publish per alarm. */
export function createSnsAlarmTopic(options: { client: SNSClient; topicArn: string }): AlarmTopic {
  return {
    async raise(alarm) {
      const words = alarmWords(alarm);
      await options.client.send(
        new PublishCommand({ TopicArn: options.topicArn, Subject: snsSubject(words.subject), Message: words.text }),
      );
    },
  };
}

/** A subscriber of the in-process topic; its failure is its own (as an SNS delivery's is), never the publisher's. */
export type AlarmSubscriber = (alarm: OperationsAlarm, words: EmailText) => Promise<void>;

/** The in-process topic: every alarm raised is kept (`raised`), then handed to each subscriber. */
export function createInProcessAlarmTopic(subscribers: readonly AlarmSubscriber[]): AlarmTopic & {
  readonly raised: OperationsAlarm[];
} {
  const raised: OperationsAlarm[] = [];
  return {
    raised,
    async raise(alarm) {
      raised.push(alarm);
      const words = alarmWords(alarm);
      // SNS retries an email delivery on its own; here a failed delivery is dropped, the alarm stays listed.
      await Promise.all(subscribers.map((s) => s(alarm, words).catch(() => undefined)));
    },
  };
}

/** The email subscription on one machine: the alarm's words to the association's operations mailbox. */
export function emailSubscriber(options: {
  client: SESv2Client;
  from: string;
  mailboxOf: (associationId: string) => string | undefined;
}): AlarmSubscriber {
  return async (alarm, words) => {
    const to = options.mailboxOf(alarm.associationId);
    if (!to) return;
    await options.client.send(
      new SendEmailCommand({
        FromEmailAddress: options.from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: words.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: words.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  };
}

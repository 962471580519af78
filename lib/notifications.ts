import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { lowerName } from './naming.js';

export interface NotificationsProps {
  readonly associationId: string;
  /** The association's sending domain (verified by DKIM records the stack outputs). */
  readonly mailDomain: string;
}

/** Dimension the configuration set stamps on every SES event metric, so alarms see one association. */
const SES_DIMENSION = 'haven-association';

/**
 * SES sending for one association: a domain identity, a configuration set that requires TLS and
 * suppresses bounced addresses, and bounce/reject/complaint events published as CloudWatch metrics.
 * Events go to CloudWatch, not SNS: an SNS bounce event carries the recipient's address, which may
 * be a victim's safe-contact email, and must not reach an operations mailbox.
 */
export class Notifications extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly mailDomain: string;
  readonly identityArn: string;
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.mailDomain = props.mailDomain;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: lowerName(props.associationId, 'mail'),
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndRejects', {
      configurationSetEventDestinationName: lowerName(props.associationId, 'bounces-rejects'),
      destination: EventDestination.cloudWatchDimensions([
        { name: SES_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: props.associationId },
      ]),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.mailDomain });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    const i = this.identity;
    const dkim: [string, string][] = [
      [i.dkimDnsTokenName1, i.dkimDnsTokenValue1],
      [i.dkimDnsTokenName2, i.dkimDnsTokenValue2],
      [i.dkimDnsTokenName3, i.dkimDnsTokenValue3],
    ];
    dkim.forEach(([name, value], n) => {
      new CfnOutput(this, `DkimRecord${n + 1}`, {
        description: `CNAME to add to ${props.mailDomain} DNS for DKIM`,
        value: `${name} CNAME ${value}`,
      });
    });
  }

  /** An SES event count for this association (Bounce, Reject, Complaint, RenderingFailure). */
  metric(name: 'Bounce' | 'Reject' | 'Complaint' | 'RenderingFailure', associationId: string): Metric {
    return new Metric({
      namespace: 'AWS/SES',
      metricName: name,
      dimensionsMap: { [SES_DIMENSION]: associationId },
      statistic: 'Sum',
    });
  }
}

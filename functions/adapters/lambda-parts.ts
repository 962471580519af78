/**
 * What a Lambda's permissions (lib/handlers.ts) add to its dependencies, each built from the environment
 * lib/functions.ts gives with that permission, and each bringing its own SDK client into the bundle. A
 * handler's entry passes the parts it uses to environment.ts or workflow-lambda.ts; esbuild keeps only
 * what the entry reaches, so a function without `mail:send` carries no SES client, one without `fields:*`
 * no Encryption SDK. The case store is a part too (case-parts.ts). scripts/bundle-sizes.ts checks each
 * bundle against its permissions and its limit.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { type AlarmTopic, createSnsAlarmTopic } from './alarm.js';
import { fieldCryptoFromEnvironment } from './link-key.js';
import { createSesMailer, type Mailer, type SendMarkers, singleAttemptSesClient } from './mailer.js';
import { createSfnRuntime, type WorkflowRuntime } from './workflow.js';

/** `fields:encrypt` / `fields:decrypt`: the KMS field key (KEY_ARN) and the link key (LINK_KEY_SECRET_ARN; link-key.ts). */
export const fieldCrypto = () => fieldCryptoFromEnvironment();

/**
 * `workflow:*` / `clocks:*`: Step Functions on the lifecycle (STATE_MACHINE_ARN) and clock
 * (CLOCK_STATE_MACHINE_ARN) machines; a machine whose ARN is absent refuses any call on it, naming it.
 */
export function runtime(): WorkflowRuntime {
  const lifecycleArn = process.env.STATE_MACHINE_ARN;
  const clockArn = process.env.CLOCK_STATE_MACHINE_ARN;
  const arns = { ...(lifecycleArn ? { lifecycleArn } : {}), ...(clockArn ? { clockArn } : {}) };
  return createSfnRuntime({ sfn: new SFNClient({}), ...arns });
}

/** SES gets one request per send claim (mailer.ts), and a hung request gives up well inside the task's timeout. */
const SES_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true };

/** `mail:send`: the SES mailer sending as `from` (MAIL_FROM; SES_CONFIGURATION_SET?), its send claims on `markers`. */
export function mailer(from: string, markers: SendMarkers, now: () => Date): Mailer {
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  return createSesMailer({
    client: singleAttemptSesClient({ requestHandler: SES_TIMEOUTS }),
    from,
    markers,
    now,
    ...(configurationSet ? { configurationSet } : {}),
  });
}

/** `alarm:raise`: the operations alarm topic `topicArn` (ALARM_TOPIC_ARN). */
export function alarm(topicArn: string): AlarmTopic {
  return createSnsAlarmTopic({ client: new SNSClient({}), topicArn });
}

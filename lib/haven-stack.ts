import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AssociationConfig } from '../functions/core/association.js';
import { Alarms } from './alarms.js';
import { CaseStore, type CaseTableDefinition, caseTableDefinition } from './case-store.js';
import { Functions } from './functions.js';
import { HANDLERS, type HandlerSpec, validateHandlers } from './handlers.js';
import { MACHINES, type MachineKey, machineArn, ScheduledHandlers, WorkflowMachine } from './lifecycle.js';
import { resourceName } from './naming.js';
import { Notifications } from './notifications.js';
import { ORIGIN_VERIFY_HEADER, PUBLIC_STAGE, PublicApi, type PublicApiLimits, VIEWER_IP_HEADER } from './public-api.js';
import { StaffApi } from './staff-api.js';
import { CONSOLE_SCOPES, cognitoDomainUrl, defaultDomainPrefix, StaffAuth } from './staff-auth.js';
import { Web } from './web.js';
import { WebContent } from './web-content.js';

/** Everything one association's stack is built from; no value comes from process.env. */
export interface HavenStackProps extends StackProps {
  readonly association: AssociationConfig;
  /** Repository root: handler entries and the ASL resolve against it. */
  readonly projectRoot: string;
  /** The association's sending domain for SES. */
  readonly mailDomain: string;
  /** Default: the contract in lib/handlers.ts. */
  readonly handlers?: readonly HandlerSpec[];
  /** Default: each handler's own `entry`. Tests point at a fixture until the handlers exist. */
  readonly entryFor?: (spec: HandlerSpec) => string;
  /** Default: `<projectRoot>/statemachines/<file>` for each machine. */
  readonly aslPaths?: Partial<Record<MachineKey, string>>;
  /** Default: the table layout's definition (functions/contract/table-layout.ts). */
  readonly tableDefinition?: CaseTableDefinition;
  /** Default: the CloudFront distribution's own https origin. */
  readonly formOrigin?: string;
  /** Cognito prefix domain staff sign in at; default `haven-<id>-staff` (must be free in eu-west-2). */
  readonly authDomainPrefix?: string;
  readonly publicLimits?: PublicApiLimits;
}

/** One housing association's Haven: `Haven-<id>` in eu-west-2. */
export class HavenStack extends Stack {
  readonly store: CaseStore;
  readonly functions: Functions;
  readonly machines: Record<MachineKey, WorkflowMachine>;
  readonly publicApi: PublicApi;
  readonly staffApi: StaffApi;
  readonly auth: StaffAuth;
  readonly web: Web;
  /** web/ and govuk-frontend's assets, uploaded to the web bucket on deploy. */
  readonly webContent: WebContent;
  readonly notifications: Notifications;
  readonly alarms: Alarms;

  constructor(scope: Construct, props: HavenStackProps) {
    const id = props.association.id;
    super(scope, resourceName(id), {
      ...props,
      stackName: resourceName(id),
      description: `Haven for ${props.association.name} (${id}): domestic abuse casework`,
    });
    const handlers = props.handlers ?? HANDLERS;
    validateHandlers(handlers);
    Tags.of(this).add('haven:association', id);

    this.store = new CaseStore(this, 'CaseStore', {
      associationId: id,
      definition: props.tableDefinition ?? caseTableDefinition(resourceName(id, 'cases')),
    });
    this.notifications = new Notifications(this, 'Notifications', { associationId: id, mailDomain: props.mailDomain });
    const authDomainPrefix = props.authDomainPrefix ?? defaultDomainPrefix(id);
    this.web = new Web(this, 'Web', {
      associationId: id,
      signInOrigin: cognitoDomainUrl(authDomainPrefix, this.region),
    });
    const formOrigin = props.formOrigin ?? this.web.origin;
    // Before the functions: the cases API lists the pool's role groups (the staff directory).
    this.auth = new StaffAuth(this, 'StaffAuth', {
      associationId: id,
      siteOrigin: this.web.origin,
      domainPrefix: authDomainPrefix,
    });

    // Before the functions: the lifecycle functions publish their own alarms to its topic.
    this.alarms = new Alarms(this, 'Alarms', {
      associationId: id,
      operationsEmail: props.association.escalation.mailboxes.operations,
    });
    this.functions = new Functions(this, 'Functions', {
      associationId: id,
      association: props.association,
      handlers,
      projectRoot: props.projectRoot,
      entryFor: props.entryFor,
      allowedOrigin: formOrigin,
      resources: {
        tableName: this.store.table.tableName,
        tableArn: this.store.table.tableArn,
        indexArns: this.store.indexArns(),
        tableKey: this.store.tableKey,
        fieldKey: this.store.fieldKey,
        linkKeySecretArn: this.store.linkKeySecret.secretArn,
        stateMachineArn: machineArn(this, id, 'lifecycle'),
        clockStateMachineArn: machineArn(this, id, 'clock'),
        clockExecutionsArn: machineArn(this, id, 'clock', '*'),
        lifecycleExecutionsArn: machineArn(this, id, 'lifecycle', '*'),
        mailFrom: `haven@${props.mailDomain}`,
        // The console is served under /console/ (its case page is /console/case.html?id=<id>).
        consoleUrl: `${this.web.origin}/console`,
        mailIdentityArn: this.notifications.identityArn,
        configurationSetName: this.notifications.configurationSet.configurationSetName,
        configurationSetArn: this.notifications.configurationSetArn,
        userPoolId: this.auth.userPool.userPoolId,
        userPoolArn: this.auth.userPool.userPoolArn,
        alarmTopicArn: this.alarms.topic.topicArn,
        alarmTopicKey: this.alarms.key,
      },
    });
    const taskFunctionArns = this.functions.workflowSubstitutions();
    const substitutions = {
      ...taskFunctionArns,
      AssociationId: id,
      ClockStateMachineArn: machineArn(this, id, 'clock'),
    };
    const machine = (key: MachineKey) =>
      new WorkflowMachine(this, key === 'lifecycle' ? 'Lifecycle' : 'Clock', {
        associationId: id,
        machine: key,
        aslPath: props.aslPaths?.[key] ?? join(props.projectRoot, 'statemachines', MACHINES[key].file),
        substitutions,
        taskFunctionArns,
      });
    this.machines = { lifecycle: machine('lifecycle'), clock: machine('clock') };
    const functionFor = (name: string) => this.functions.get(name);
    new ScheduledHandlers(this, 'Schedules', { associationId: id, handlers, functionFor });
    this.publicApi = new PublicApi(this, 'PublicApi', {
      associationId: id,
      handlers,
      functionFor,
      formOrigin,
      limits: props.publicLimits,
    });
    this.web.serveReportApi({
      restApiId: this.publicApi.api.restApiId,
      stageName: PUBLIC_STAGE,
      verifyHeader: { name: ORIGIN_VERIFY_HEADER, value: this.publicApi.originVerify.secretValue.unsafeUnwrap() },
      viewerIpHeader: VIEWER_IP_HEADER,
    });
    this.staffApi = new StaffApi(this, 'StaffApi', {
      associationId: id,
      handlers,
      functionFor,
      userPool: this.auth.userPool,
      client: this.auth.client,
      consoleOrigin: this.web.origin,
    });
    this.webContent = new WebContent(this, 'WebContent', {
      associationId: id,
      projectRoot: props.projectRoot,
      bucket: this.web.bucket,
      distribution: this.web.distribution,
      staffApiUrl: this.staffApi.api.apiEndpoint,
      cognito: {
        domain: this.auth.domainUrl,
        clientId: this.auth.client.userPoolClientId,
        scopes: CONSOLE_SCOPES.join(' '),
      },
    });
    this.alarms.watch({
      stateMachines: new Map([
        ['lifecycle', this.machines.lifecycle.stateMachine],
        ['clock', this.machines.clock.stateMachine],
      ]),
      functions: this.functions.byName,
      deadLetterQueues: this.functions.deadLetterQueues,
      sesMetric: (name) => this.notifications.metric(name, id),
    });

    new CfnOutput(this, 'ReportFormUrl', {
      value: `${this.web.origin}/report`,
      description: 'The public report form (through CloudFront)',
    });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.web.origin}/console/`, description: 'The staff console' });
    new CfnOutput(this, 'StaffSignInDomain', {
      value: this.auth.domainUrl,
      description: 'Cognito managed login for staff',
    });
    new CfnOutput(this, 'PublicApiUrl', {
      value: this.publicApi.api.url,
      description: 'The report API stage; answers 403 except through CloudFront',
    });
    new CfnOutput(this, 'StaffApiUrl', { value: this.staffApi.api.apiEndpoint });
    new CfnOutput(this, 'WebUrl', { value: this.web.origin });
    new CfnOutput(this, 'WebBucket', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
  }
}

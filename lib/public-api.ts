import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  type IResource,
  JsonSchemaType,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  MethodLoggingLevel,
  Model,
  RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { HandlerSpec } from './handlers.js';
import { resourceName } from './naming.js';

/** Limits on the public API; defaults suit one association's report volume with a wide margin. */
export interface PublicApiLimits {
  /** Requests per second across the stage (API Gateway throttling). */
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** Requests one IP may make in any 5 minutes before WAF blocks it. */
  readonly ipRequestsPer5Minutes: number;
  /** Largest request body accepted, bytes; WAF blocks larger ones (oversize bodies count as too large). */
  readonly maxBodyBytes: number;
}

const DEFAULT_PUBLIC_LIMITS: PublicApiLimits = {
  rateLimit: 20,
  burstLimit: 40,
  ipRequestsPer5Minutes: 100,
  maxBodyBytes: 16 * 1024,
};

/** The stage CloudFront's report origin points at (a plain string: see Web.serveReportApi). */
export const PUBLIC_STAGE = 'live';
/** The header CloudFront adds to every report request; the web ACL blocks requests without its value. */
export const ORIGIN_VERIFY_HEADER = 'X-Haven-Origin-Verify';
/** The header CloudFront sets to the viewer's address (a CloudFront Function); the per-IP rate limit reads it. */
export const VIEWER_IP_HEADER = 'X-Haven-Viewer-Ip';

export interface PublicApiProps {
  readonly associationId: string;
  readonly handlers: readonly HandlerSpec[];
  readonly functionFor: (name: string) => IFunction;
  /** The report form's origin, the only one CORS allows. */
  readonly formOrigin: string;
  readonly limits?: PublicApiLimits;
  readonly logRetention?: RetentionDays;
}

/**
 * The public API for reports. A REST API (not an HTTP API) because AWS WAF attaches to REST API
 * stages, CloudFront, ALB, AppSync and Cognito, never to HTTP APIs; a CLOUDFRONT-scope web ACL would
 * have to be created in us-east-1, outside this eu-west-2 stack. So: regional REST API + regional web
 * ACL, all in one stack and one region. No authorizer: anyone may report (002 §3, 004 §7.1).
 *
 * Browsers reach it through the web distribution (`/report*`, `/api/reports`), so the form and its assets
 * share one origin. CloudFront adds a secret header the web ACL requires, so the execute-api URL itself
 * answers 403; and since WAF then sees CloudFront's addresses, the per-IP limit reads the viewer's address
 * from a header CloudFront sets (and overwrites, so a viewer cannot choose it).
 */
export class PublicApi extends Construct {
  readonly api: RestApi;
  readonly webAcl: CfnWebACL;
  readonly methods: Method[] = [];
  /** The value CloudFront sends as ORIGIN_VERIFY_HEADER; generated, never in the template or the repository. */
  readonly originVerify: Secret;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    const name = resourceName(props.associationId, 'public-api');
    const limits = props.limits ?? DEFAULT_PUBLIC_LIMITS;
    const logs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${name}`,
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
    });
    this.originVerify = new Secret(this, 'OriginVerify', {
      secretName: `${name}-origin-verify`,
      description: `${name}: the header value CloudFront sends to the report API; the web ACL blocks requests without it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The value is resolved into two places at deploy time (the CloudFront origin header and the web ACL rule); a rotation Lambda would change it behind both. To rotate: put a new value and deploy the stack, which re-resolves both (docs/deploy.md).',
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: name,
      description: `${resourceName(props.associationId)}: public report API (WAF, throttled, no sign-in)`,
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: PUBLIC_STAGE,
        throttlingRateLimit: limits.rateLimit,
        throttlingBurstLimit: limits.burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(logs),
        // No source IP, user agent or path values: a reporter's IP could locate them.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            waf: '$context.waf.status',
          }),
        ),
      },
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-level CloudWatch role needs exactly this AWS-maintained policy to write access and execution logs; it is attached to a role only API Gateway can assume.",
    });
    const validator = new RequestValidator(this, 'Validator', {
      restApi: this.api,
      requestValidatorName: `${name}-validator`,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const reportModel = new Model(this, 'ReportBody', {
      restApi: this.api,
      contentType: 'application/json',
      description: 'A JSON object; the intake handler validates the fields (zod) and names any bad field',
      schema: { type: JsonSchemaType.OBJECT },
    });

    for (const spec of props.handlers) {
      const routes = (spec.routes ?? []).filter((r) => r.api === 'public');
      if (!routes.length) continue;
      const integration = new LambdaIntegration(props.functionFor(spec.name));
      for (const r of routes) {
        const resource = this.resourceAt(r.path, props.formOrigin);
        const method = resource.addMethod(r.method, integration, {
          authorizationType: AuthorizationType.NONE,
          requestValidator: validator,
          requestModels:
            r.method === 'POST' && r.path.startsWith('/api/') ? { 'application/json': reportModel } : undefined,
        });
        this.methods.push(method);
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${r.method} ${r.path} is the public report route: anyone may report, in confidence or anonymously (002 §3, 004 §7.1). It is protected by WAF (rate, size, managed rules) and stage throttling instead.`,
        });
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: `${r.method} ${r.path} is the public report route: a reporter has no account, so a Cognito authorizer cannot apply.`,
        });
      }
    }

    this.webAcl = this.buildWebAcl(name, limits, this.originVerify.secretValue.unsafeUnwrap());
    new CfnWebACLAssociation(this, 'WafAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  /** The resource for a path, creating parents; API routes get CORS for the form origin, HTML routes none. */
  private resourceAt(path: string, formOrigin: string): IResource {
    let resource: IResource = this.api.root;
    const parts = path.split('/').filter(Boolean);
    parts.forEach((part, i) => {
      const isLeaf = i === parts.length - 1;
      const cors =
        isLeaf && path.startsWith('/api/')
          ? {
              allowOrigins: [formOrigin],
              allowMethods: ['POST', 'OPTIONS'],
              allowHeaders: ['Content-Type'],
              allowCredentials: false,
            }
          : undefined;
      resource =
        resource.getResource(part) ??
        resource.addResource(part, cors ? { defaultCorsPreflightOptions: cors } : undefined);
    });
    return resource;
  }

  /** `verifyValue` is a `{{resolve:secretsmanager:…}}` reference: CloudFormation fills it in at deploy time. */
  private buildWebAcl(name: string, limits: PublicApiLimits, verifyValue: string): CfnWebACL {
    const visibility = (metric: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${name}-${metric}`,
      // Sampled requests keep client IPs and URIs in the console; a reporter's IP is not ours to keep.
      sampledRequestsEnabled: false,
    });
    const managed = (priority: number, ruleName: string, overrides: string[] = []): CfnWebACL.RuleProperty => ({
      name: ruleName,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: ruleName,
          ruleActionOverrides: overrides.length
            ? overrides.map((o) => ({ name: o, actionToUse: { count: {} } }))
            : undefined,
        },
      },
      visibilityConfig: visibility(ruleName),
    });
    return new CfnWebACL(this, 'WebAcl', {
      name,
      description: `${name}: through CloudFront only, rate limit per viewer IP, body size limit, AWS managed rules`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('all'),
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_16' } } },
      rules: [
        {
          name: 'through-cloudfront',
          priority: 0,
          action: { block: {} },
          statement: {
            notStatement: {
              statement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: ORIGIN_VERIFY_HEADER.toLowerCase() } },
                  positionalConstraint: 'EXACTLY',
                  searchString: verifyValue,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('through-cloudfront'),
        },
        {
          name: 'rate-per-ip',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: limits.ipRequestsPer5Minutes,
              evaluationWindowSec: 300,
              // The source address is a CloudFront edge's, shared by many viewers; the viewer's is in this header.
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: { headerName: VIEWER_IP_HEADER, fallbackBehavior: 'MATCH' },
            },
          },
          visibilityConfig: visibility('rate-per-ip'),
        },
        {
          name: 'body-size',
          priority: 2,
          action: { block: {} },
          statement: {
            sizeConstraintStatement: {
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: limits.maxBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: visibility('body-size'),
        },
        // The common set blocks bodies over 8 KB; a long account of abuse may be longer, and `body-size` enforces our limit.
        managed(3, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
        // Not AWSManagedRulesAmazonIpReputationList: it reads the source address only, which behind CloudFront
        // is an edge's, never the viewer's. Deliberately not AWSManagedRulesAnonymousIpList either: victims
        // use Tor and VPNs to report safely.
      ],
    });
  }

  /** The stage ARN WAF is associated with. */
  get stageArn(): string {
    return this.api.deploymentStage.stageArn;
  }

  /** Region-qualified URL of the stage (for outputs). */
  get url(): string {
    return this.api.urlForPath('/');
  }
}

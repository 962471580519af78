import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HandlerSpec } from './handlers.js';
import { resourceName } from './naming.js';

export interface StaffApiProps {
  readonly associationId: string;
  readonly handlers: readonly HandlerSpec[];
  readonly functionFor: (name: string) => IFunction;
  readonly userPool: IUserPool;
  readonly client: IUserPoolClient;
  /** The staff console's origin, the only one CORS allows. */
  readonly consoleOrigin: string;
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention?: RetentionDays;
}

/**
 * The staff API: an HTTP API whose every route requires a Cognito JWT issued to the console's app
 * client (the authorizer's audience; the console sends its ID token). Which group may do what is the
 * handler's decision, from `cognito:groups`.
 */
export class StaffApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    const name = resourceName(props.associationId, 'staff-api');
    this.authorizer = new HttpUserPoolAuthorizer('CognitoJwt', props.userPool, {
      authorizerName: `${name}-jwt`,
      userPoolClients: [props.client],
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: name,
      description: `${resourceName(props.associationId)}: staff console API (Cognito JWT on every route)`,
      createDefaultStage: false,
      defaultAuthorizer: this.authorizer,
      corsPreflight: {
        allowOrigins: [props.consoleOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        // If-Match carries the version a command was made against; ETag is how a read tells the console that version.
        allowHeaders: ['authorization', 'content-type', 'if-match'],
        exposeHeaders: ['etag'],
        allowCredentials: false,
        maxAge: Duration.minutes(10),
      },
    });
    const logs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${name}`,
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
    });
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(logs),
        // Staff id (sub) and route template only: no IP, no path values, no query strings.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            staff: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    for (const spec of props.handlers) {
      const routes = (spec.routes ?? []).filter((r) => r.api === 'staff');
      if (!routes.length) continue;
      const integration = new HttpLambdaIntegration(`${spec.name}-integration`, props.functionFor(spec.name));
      for (const r of routes) {
        this.api.addRoutes({ path: r.path, methods: [HttpMethod[r.method]], integration, authorizer: this.authorizer });
      }
    }
  }
}

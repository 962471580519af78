import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FORM_PATH } from './handlers.js';
import { resourceName } from './naming.js';

export interface WebProps {
  readonly associationId: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the console's token exchange is a fetch to it. */
  readonly signInOrigin: string;
}

/** Where the public report API is reached from CloudFront, and the header that proves a request came through it. */
export interface ReportOriginProps {
  /** The REST API's id: its regional endpoint is `<id>.execute-api.<region>.amazonaws.com`. */
  readonly restApiId: string;
  /** The stage, as a plain string (a reference to the stage would make the distribution wait on every method). */
  readonly stageName: string;
  /** Sent on every origin request; the API's web ACL blocks requests without it. */
  readonly verifyHeader: { readonly name: string; readonly value: string };
  /** Set by CloudFront to the viewer's address; the web ACL's per-IP rate limit reads it. */
  readonly viewerIpHeader: string;
}

/** Paths CloudFront sends to the public REST API instead of the bucket: the no-JavaScript form and the JSON intake. */
const REPORT_PATHS = [`${FORM_PATH}*`, '/api/reports'] as const;

/**
 * Viewer-request routing of the static site: `/` has no page of its own, so the public land on the report
 * form; the console's folder serves its caseload page (CloudFront's default root object covers `/` only).
 */
export const SITE_ROUTES_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/index.html') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/report' }, 'cache-control': { value: 'no-store' } } };
  }
  if (uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' } } };
  }
  if (uri === '/console/') request.uri = '/console/index.html';
  return request;
}`;

/**
 * Viewer-request code of the report API's paths: names the viewer's address for its per-IP rate limit
 * (overwriting whatever the viewer sent), and moves a `/report*` path not under `/report/` (`/reports-old`)
 * under it, so the form's own route answers it (its 404 page) instead of API Gateway's JSON.
 */
export function reportViewerCode(header: string): string {
  return `function handler(event) {
  var request = event.request;
  request.headers['${header.toLowerCase()}'] = { value: event.viewer.ip };
  var uri = request.uri;
  if (uri.indexOf('${FORM_PATH}') === 0 && uri !== '${FORM_PATH}' && uri.indexOf('${FORM_PATH}/') !== 0) {
    request.uri = '${FORM_PATH}/' + uri.slice(1);
  }
  return request;
}`;
}

/**
 * Static assets of the public report form and the staff console: a private bucket behind CloudFront
 * (origin access control) with strict security headers. A reporter's browser may be watched by the
 * abuser, so: no referrer leaves the site, nothing may frame it, and the page cannot load third-party code.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** `https://<distribution domain>`: the one origin the APIs answer CORS for. */
  readonly origin: string;
  /** Routes `/` and `/console/` (viewer request, default behaviour). */
  readonly siteRoutes: CloudFrontFunction;
  private readonly name: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const name = resourceName(props.associationId, 'web');
    this.name = name;
    const region = Stack.of(this).region;
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Assets', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'web-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The staff API by wildcard, not by its own origin: the API's CORS names this distribution, so naming
    // the API here would make each wait on the other (a dependency cycle). script-src 'self' means only
    // Haven's own modules run, and they call the one apiBase of config.json.
    const apis = `https://*.execute-api.${region}.amazonaws.com`;
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${name}-security-headers`,
      comment: `${name}: security headers for the report form and staff console`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            `connect-src 'self' ${apis} ${props.signInOrigin}`,
            // The report form posts to /report on this origin (CloudFront sends it to the report API).
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['Server'],
    });
    this.siteRoutes = new CloudFrontFunction(this, 'SiteRoutes', {
      functionName: `${name}-site-routes`,
      comment: `${name}: / to the report form, /console/ to the caseload page`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SITE_ROUTES_CODE),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${name}: report form and staff console`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: this.siteRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack(
      'AwsSolutions-CFR1',
      'No geo restriction on purpose: people report from abroad or through VPNs for their own safety, and blocking them could leave a victim without a way to ask for help.',
    );
    ack(
      'AwsSolutions-CFR2',
      'Static files come from the private bucket; the report paths go on to the public REST API, whose regional WAF web ACL inspects every request (rate per viewer IP, body size, managed rules) and blocks any that did not come through this distribution. A CLOUDFRONT-scope ACL would have to live in us-east-1, outside this eu-west-2 stack.',
    );
    ack(
      'AwsSolutions-CFR3',
      "CloudFront access logs would record every visitor's IP address next to the report form: a record that could locate a victim. Request counts come from CloudFront metrics instead.",
    );
    ack(
      'AwsSolutions-CFR4',
      "No custom domain yet, so the default *.cloudfront.net certificate is used and CloudFront cannot enforce a minimum TLS version (its policy is fixed at TLSv1); set minimumProtocolVersion TLSv1.2_2021 together with the association's certificate when its domain is attached.",
    );
  }

  /**
   * Serves the report form and the JSON intake through this distribution, so the form's pages and the
   * assets they load share one origin. Nothing is cached (every answer is personal or a POST's); every
   * viewer header but Host goes on (API Gateway routes on its own Host); no cookies, Haven sets none.
   */
  serveReportApi(props: ReportOriginProps): void {
    const region = Stack.of(this).region;
    const origin = new HttpOrigin(`${props.restApiId}.execute-api.${region}.amazonaws.com`, {
      originPath: `/${props.stageName}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [props.verifyHeader.name]: props.verifyHeader.value },
    });
    const originRequestPolicy = new OriginRequestPolicy(this, 'ReportRequests', {
      originRequestPolicyName: `${this.name}-report-requests`,
      comment: `${this.name}: every viewer header except Host and every query string to the report API; no cookies`,
      headerBehavior: OriginRequestHeaderBehavior.denyList('Host'),
      cookieBehavior: OriginRequestCookieBehavior.none(),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
    const viewerIp = new CloudFrontFunction(this, 'ViewerIp', {
      functionName: `${this.name}-viewer-ip`,
      comment: `${this.name}: the viewer's address for the per-IP rate limit; every /report* path to the form`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(reportViewerCode(props.viewerIpHeader)),
    });
    for (const path of REPORT_PATHS) {
      this.distribution.addBehavior(path, origin, {
        // A person who types http:// reaches the form; an API client that does is refused, not redirected (a redirect loses a POST's body).
        viewerProtocolPolicy: path.startsWith('/api/')
          ? ViewerProtocolPolicy.HTTPS_ONLY
          : ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
      });
    }
  }
}

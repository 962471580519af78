import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { resourceName } from './naming.js';

export interface WebProps {
  readonly associationId: string;
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

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const name = resourceName(props.associationId, 'web');
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
            `connect-src 'self' ${apis} https://cognito-idp.${region}.amazonaws.com`,
            `form-action 'self' ${apis}`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['Server'],
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${name}: report form and staff console`,
      defaultRootObject: 'index.html',
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
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack('AwsSolutions-CFR1', 'No geo restriction on purpose: people report from abroad or through VPNs for their own safety, and blocking them could leave a victim without a way to ask for help.');
    ack('AwsSolutions-CFR2', 'The distribution serves static files only. The endpoints that accept input are on the public REST API, which has its own regional WAF web ACL; a CLOUDFRONT-scope ACL would have to live in us-east-1, outside this eu-west-2 stack.');
    ack('AwsSolutions-CFR3', 'CloudFront access logs would record every visitor\'s IP address next to the report form: a record that could locate a victim. Request counts come from CloudFront metrics instead.');
    ack('AwsSolutions-CFR4', 'No custom domain yet, so the default *.cloudfront.net certificate is used and CloudFront cannot enforce a minimum TLS version (its policy is fixed at TLSv1); set minimumProtocolVersion TLSv1.2_2021 together with the association\'s certificate when its domain is attached.');
  }
}

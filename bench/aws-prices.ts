/**
 * AWS list prices, Europe (London) eu-west-2, in USD, before any free tier, savings plan or credit:
 * every price the cost model (bench/cost.ts) uses, with its unit, where it was read and when.
 *
 * Read on 2026-12-02 through the stored copies the project's search tool serves. AWS's own pricing
 * pages render most regional rates client-side, so several rates come from the AWS Price List
 * (the machine-readable offer files AWS bills from) as other public documents quote them; each entry
 * says which. `confirmed: false` marks a rate no source read here gave for London: the value used is
 * stated with why. Re-read them before quoting a cost outside this repository.
 */

/** One price: `usd` for every `per` units of `unit`. */
export interface Price {
  usd: number;
  per: number;
  unit: string;
  source: string;
  read: string;
  confirmed: boolean;
  note?: string;
}

const READ = '2026-12-02';
const PRICE_LIST_QUOTE =
  'AWS Price List offer file for eu-west-2, as quoted (usage type named) in a public cost study that read the offer files in Sep–Oct 2026';

export const PRICES = {
  stateTransition: {
    usd: 0.025,
    per: 1000,
    unit: 'Step Functions Standard state transitions',
    source: 'https://aws.amazon.com/step-functions/pricing/ (state transitions pricing table: Europe (London) $0.0250)',
    read: READ,
    confirmed: true,
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Lambda requests (arm64)',
    source: `https://aws.amazon.com/lambda/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-Request-ARM $0.0000002)`,
    read: READ,
    confirmed: true,
  },
  lambdaGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'Lambda GB-seconds (arm64, first 7.5 billion a month)',
    source: `https://aws.amazon.com/lambda/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-Lambda-GB-Second-ARM)`,
    read: READ,
    confirmed: true,
    note: 'Since August 2025 the INIT phase of a cold start is billed as duration too.',
  },
  dynamoWrite: {
    usd: 0.7423,
    per: 1_000_000,
    unit: 'DynamoDB on-demand write request units (Standard table class)',
    source:
      'https://aws.amazon.com/dynamodb/pricing/on-demand/ (rates render client-side: no London figure in its text)',
    read: READ,
    confirmed: false,
    note: "Not confirmed: half of London's pre-November-2024 $1.4846 (the on-demand price cut of 50 %); US East is $0.625.",
  },
  dynamoRead: {
    usd: 0.1485,
    per: 1_000_000,
    unit: 'DynamoDB on-demand read request units (Standard table class)',
    source:
      'https://aws.amazon.com/dynamodb/pricing/on-demand/ (rates render client-side: no London figure in its text)',
    read: READ,
    confirmed: false,
    note: "Not confirmed: half of London's pre-November-2024 $0.297; US East is $0.125.",
  },
  kmsRequest: {
    usd: 0.03,
    per: 10_000,
    unit: 'KMS requests (symmetric: GenerateDataKey, Decrypt)',
    source: `https://aws.amazon.com/kms/pricing/; rate from the ${PRICE_LIST_QUOTE} (eu-west-2-KMS-Requests)`,
    read: READ,
    confirmed: true,
  },
  kmsKeyMonth: {
    usd: 1,
    per: 1,
    unit: 'KMS customer-managed key-months',
    source: `https://aws.amazon.com/kms/pricing/; rate from the ${PRICE_LIST_QUOTE} (eu-west-2-KMS-Keys)`,
    read: READ,
    confirmed: true,
  },
  sesEmail: {
    usd: 0.1,
    per: 1000,
    unit: 'SES outbound emails (one recipient each, no attachment)',
    source: `https://aws.amazon.com/ses/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-Recipients $0.0001)`,
    read: READ,
    confirmed: true,
    note: 'The pay-as-you-go rate; the SES plans introduced in July 2026 are not modelled.',
  },
  httpApiRequest: {
    usd: 1.16,
    per: 1_000_000,
    unit: 'API Gateway HTTP API requests (the staff API; first 300 million a month)',
    source:
      'https://aws.amazon.com/api-gateway/pricing/ (rates render client-side); EUW2-ApiGatewayHttpRequest $0.00000116 as a public pricing tool records it from the Price List (snapshot 2026-09-05)',
    read: READ,
    confirmed: true,
  },
  restApiRequest: {
    usd: 3.5,
    per: 1_000_000,
    unit: 'API Gateway REST API requests (the public report API; first 333 million a month)',
    source:
      'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (Table 4: REST, first 333 million $3.50 per million; the table names us-east-1 for HTTP only); https://aws.amazon.com/api-gateway/pricing/ renders its regional rates client-side',
    read: READ,
    confirmed: false,
    note: "Not confirmed for London: no source read here gives eu-west-2's REST rate, so the documented $3.50 is used. London's HTTP API rate is 1.16× US East's; the same premium would make REST $4.06.",
  },
  wafRequest: {
    usd: 0.6,
    per: 1_000_000,
    unit: 'AWS WAF requests inspected by a web ACL',
    source:
      'https://aws.amazon.com/waf/pricing/ (not read here); $0.60 per million as quoted in https://thenegotiationexperts.com/blog/cloud-waf-licensing-cost-optimization/ ("Cloud WAF Pricing")',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for London: the rate AWS publishes without a regional table; no London figure was read.',
  },
  wafAclMonth: {
    usd: 5,
    per: 1,
    unit: 'AWS WAF web ACL-months',
    source:
      'https://aws.amazon.com/waf/pricing/ (not read here); $5 per web ACL a month as quoted in https://thenegotiationexperts.com/blog/cloud-waf-licensing-cost-optimization/',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for London (as wafRequest).',
  },
  wafRuleMonth: {
    usd: 1,
    per: 1,
    unit: 'AWS WAF rule-months (a managed rule group counts as one rule)',
    source:
      'https://aws.amazon.com/waf/pricing/ (not read here); $1 per rule a month as quoted in https://thenegotiationexperts.com/blog/cloud-waf-licensing-cost-optimization/; each rule group one rule: https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for London (as wafRequest).',
  },
  cloudfrontRequest: {
    usd: 0.012,
    per: 10_000,
    unit: 'CloudFront HTTPS requests (Europe edge locations)',
    source:
      'https://aws.amazon.com/cloudfront/pricing/ (rates render client-side: not read here); a public cost tool lists US HTTPS requests above its HTTP $0.0075 per 10,000 (https://github.com/vreutova/infracost-idem-support/pull/15)',
    read: READ,
    confirmed: false,
    note: "Not confirmed: the long-standing Europe HTTPS rate ($0.0120 per 10,000); the pay-as-you-go plan's perpetual free tier (10 million requests, 1 TB a month) is not applied.",
  },
  cloudfrontGbOut: {
    usd: 0.085,
    per: 1,
    unit: 'CloudFront data transfer out to the internet, GB (Europe, first 10 TB a month)',
    source:
      'https://aws.amazon.com/cloudfront/pricing/ (not read here); $0.085 per GB for the first 10 TB as a public cost tool lists it (https://github.com/vreutova/infracost-idem-support/pull/15, US; Europe has the same first-tier rate)',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for Europe edge locations (PRICE_CLASS_100 serves from US, Canada, Europe and Israel at this tier).',
  },
  cloudfrontFunction: {
    usd: 0.1,
    per: 1_000_000,
    unit: 'CloudFront Functions invocations',
    source: 'https://aws.amazon.com/cloudfront/pricing/ (not read here)',
    read: READ,
    confirmed: false,
    note: 'Not confirmed: the long-standing global rate.',
  },
  secretsApiCall: {
    usd: 0.05,
    per: 10_000,
    unit: 'Secrets Manager API calls (GetSecretValue)',
    source: `https://aws.amazon.com/secrets-manager/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-AWSSecretsManagerAPIRequest)`,
    read: READ,
    confirmed: true,
  },
  secretMonth: {
    usd: 0.4,
    per: 1,
    unit: 'Secrets Manager secret-months',
    source: `https://aws.amazon.com/secrets-manager/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-AWSSecretsManager-Secrets)`,
    read: READ,
    confirmed: true,
  },
  snsPublish: {
    usd: 0.5,
    per: 1_000_000,
    unit: 'SNS standard topic publishes (64 KB chunks)',
    source: 'https://aws.amazon.com/sns/pricing/ (not among the sources read here)',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for London: the long-standing rate of every commercial region.',
  },
  snsEmail: {
    usd: 2,
    per: 100_000,
    unit: 'SNS email notifications',
    source: 'https://aws.amazon.com/sns/pricing/ (not among the sources read here)',
    read: READ,
    confirmed: false,
    note: 'Not confirmed for London: the long-standing rate of every commercial region.',
  },
  logsIngestGb: {
    usd: 0.5985,
    per: 1,
    unit: 'CloudWatch Logs GB ingested (Standard class)',
    source: `https://aws.amazon.com/cloudwatch/pricing/; rate from the ${PRICE_LIST_QUOTE} (EUW2-DataProcessing-Bytes)`,
    read: READ,
    confirmed: true,
  },
} satisfies Record<string, Price>;

export type Prices = { [K in keyof typeof PRICES]: Price };

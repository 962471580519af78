/**
 * The arithmetic of the AWS cost model: what one case uses (measured on the rig by bench/cost.ts)
 * times the list prices (bench/aws-prices.ts), plus the monthly fees shared by an association's cases,
 * spread over a stated yearly case volume. Pure: no I/O, tested in test/bench/cost-model.test.ts.
 */
import type { Price, Prices } from './aws-prices.js';

/** One Lambda function's share of a case. */
export interface LambdaUse {
  name: string;
  memoryMb: number;
  /** Invocations per case (may be a fraction: a scheduled function's runs spread over the cases). */
  invocations: number;
  /** Billed milliseconds per case: each invocation's duration rounded up to 1 ms, summed. */
  billedMs: number;
  /** New containers per case (cold starts), each billed `initMs` of INIT duration. */
  coldStarts: number;
}

/** Everything one case uses. */
export interface CaseUse {
  transitions: number;
  lambdas: LambdaUse[];
  /** Billed INIT duration of one cold start, in ms. */
  initMs: number;
  rru: number;
  wru: number;
  kmsRequests: number;
  secretsCalls: number;
  emails: number;
  snsPublishes: number;
  snsEmails: number;
  /** Staff console requests to the HTTP API (no WAF, not through CloudFront). */
  staffApiRequests: number;
  /** Report form requests that CloudFront sends on to the REST API, each inspected by its web ACL. */
  publicApiRequests: number;
  /** Viewer requests to CloudFront (form and console pages and assets, and the report paths). */
  cloudfrontRequests: number;
  /** Viewer requests of the default behaviour, each running the site-routes CloudFront Function. */
  cloudfrontFunctionRuns: number;
  /** Bytes CloudFront sends to viewers. */
  cloudfrontBytes: number;
  logBytes: number;
}

/** Fees by the month, shared by every case of one association. */
export interface SharedFees {
  casesPerYear: number;
  kmsKeys: number;
  secrets: number;
  /** Web ACLs (the public API's) and the rules in them (each managed rule group one). */
  wafAcls: number;
  wafRules: number;
}

/** One priced line. */
export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

const priced = (item: string, quantity: number, price: Price): CostLine => ({
  item,
  quantity,
  unit: price.unit,
  usd: (quantity * price.usd) / price.per,
});

/** The cost of one case, line by line (lines of zero quantity included, so every item is shown). */
export function caseCost(use: CaseUse, shared: SharedFees, prices: Prices): CostLine[] {
  const invocations = use.lambdas.reduce((s, l) => s + l.invocations, 0);
  const gbSeconds = (ms: (l: LambdaUse) => number) =>
    use.lambdas.reduce((s, l) => s + (ms(l) / 1000) * (l.memoryMb / 1024), 0);
  const monthsPerCase = 12 / shared.casesPerYear;
  const volume = shared.casesPerYear.toLocaleString('en-GB');
  return [
    priced('Step Functions state transitions', use.transitions, prices.stateTransition),
    priced('Lambda requests', invocations, prices.lambdaRequest),
    priced(
      'Lambda duration (GB-s)',
      gbSeconds((l) => l.billedMs),
      prices.lambdaGbSecond,
    ),
    priced(
      'Lambda cold-start INIT (GB-s)',
      gbSeconds((l) => l.coldStarts * use.initMs),
      prices.lambdaGbSecond,
    ),
    priced('DynamoDB write request units', use.wru, prices.dynamoWrite),
    priced('DynamoDB read request units', use.rru, prices.dynamoRead),
    priced('KMS requests', use.kmsRequests, prices.kmsRequest),
    priced(
      `KMS keys (${shared.kmsKeys}, per case at ${volume} a year)`,
      shared.kmsKeys * monthsPerCase,
      prices.kmsKeyMonth,
    ),
    priced('Secrets Manager API calls', use.secretsCalls, prices.secretsApiCall),
    priced(
      `Secrets (${shared.secrets}, per case at ${volume} a year)`,
      shared.secrets * monthsPerCase,
      prices.secretMonth,
    ),
    priced('SES emails', use.emails, prices.sesEmail),
    priced('SNS publishes', use.snsPublishes, prices.snsPublish),
    priced('SNS email notifications', use.snsEmails, prices.snsEmail),
    priced('API Gateway HTTP API requests (staff)', use.staffApiRequests, prices.httpApiRequest),
    priced('API Gateway REST API requests (report)', use.publicApiRequests, prices.restApiRequest),
    priced('WAF requests', use.publicApiRequests, prices.wafRequest),
    priced(
      `WAF web ACLs (${shared.wafAcls}, per case at ${volume} a year)`,
      shared.wafAcls * monthsPerCase,
      prices.wafAclMonth,
    ),
    priced(
      `WAF rules (${shared.wafRules}, per case at ${volume} a year)`,
      shared.wafRules * monthsPerCase,
      prices.wafRuleMonth,
    ),
    priced('CloudFront requests', use.cloudfrontRequests, prices.cloudfrontRequest),
    priced('CloudFront data out (GB)', use.cloudfrontBytes / 1024 ** 3, prices.cloudfrontGbOut),
    priced('CloudFront Functions', use.cloudfrontFunctionRuns, prices.cloudfrontFunction),
    priced('CloudWatch Logs ingested (GB)', use.logBytes / 1024 ** 3, prices.logsIngestGb),
  ];
}

/** The sum of the lines, in USD. */
export const total = (lines: readonly CostLine[]): number => lines.reduce((s, l) => s + l.usd, 0);

/** Billed milliseconds of measured wall times: each rounded up to a whole millisecond (at least 1). */
export const billedMs = (wallMs: readonly number[]): number =>
  wallMs.reduce((s, ms) => s + Math.max(1, Math.ceil(ms)), 0);

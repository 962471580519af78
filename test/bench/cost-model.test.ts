import { describe, expect, it } from 'vitest';
import type { Price, Prices } from '../../bench/aws-prices.js';
import { billedMs, type CaseUse, caseCost, total } from '../../bench/cost-model.js';

/** Round prices (1 USD for every `per` units) so each line's arithmetic can be checked by hand. */
const price = (per: number): Price => ({ usd: 1, per, unit: 'units', source: 'test', read: 'test', confirmed: true });
const PRICES: Prices = {
  stateTransition: price(1000),
  lambdaRequest: price(1_000_000),
  lambdaGbSecond: price(1),
  dynamoWrite: price(1_000_000),
  dynamoRead: price(1_000_000),
  kmsRequest: price(10_000),
  kmsKeyMonth: price(1),
  sesEmail: price(1000),
  httpApiRequest: price(1_000_000),
  restApiRequest: price(1_000_000),
  wafRequest: price(1_000_000),
  wafAclMonth: price(1),
  wafRuleMonth: price(1),
  cloudfrontRequest: price(10_000),
  cloudfrontGbOut: price(1),
  cloudfrontFunction: price(1_000_000),
  secretsApiCall: price(10_000),
  secretMonth: price(1),
  snsPublish: price(1_000_000),
  snsEmail: price(100_000),
  logsIngestGb: price(1),
};

const NOTHING: CaseUse = {
  transitions: 0,
  lambdas: [],
  initMs: 0,
  rru: 0,
  wru: 0,
  kmsRequests: 0,
  secretsCalls: 0,
  emails: 0,
  snsPublishes: 0,
  snsEmails: 0,
  staffApiRequests: 0,
  publicApiRequests: 0,
  cloudfrontRequests: 0,
  cloudfrontFunctionRuns: 0,
  cloudfrontBytes: 0,
  logBytes: 0,
};
const NO_FEES = { casesPerYear: 1000, kmsKeys: 0, secrets: 0, wafAcls: 0, wafRules: 0 };
const usd = (lines: ReturnType<typeof caseCost>, item: string) => lines.find((l) => l.item.startsWith(item))?.usd;

describe('the cost model', () => {
  it('prices each count at its price per unit', () => {
    // Prepare
    const use = { ...NOTHING, transitions: 2000, wru: 3_000_000, rru: 500_000, kmsRequests: 20_000, emails: 1000 };
    // Act
    const lines = caseCost(use, NO_FEES, PRICES);
    // Assess
    expect(usd(lines, 'Step Functions')).toBe(2);
    expect(usd(lines, 'DynamoDB write')).toBe(3);
    expect(usd(lines, 'DynamoDB read')).toBe(0.5);
    expect(usd(lines, 'KMS requests')).toBe(2);
    expect(usd(lines, 'SES')).toBe(1);
    expect(total(lines)).toBe(8.5);
  });

  it('bills Lambda duration in GB-seconds at each function memory, and each cold start its INIT', () => {
    // Prepare: 2,000 ms at 512 MB is 1 GB-s; 1,000 ms at 1,024 MB is 1 GB-s; 3 cold starts of 500 ms at 1,024 MB.
    const use: CaseUse = {
      ...NOTHING,
      initMs: 500,
      lambdas: [
        { name: 'a', memoryMb: 512, invocations: 4, billedMs: 2000, coldStarts: 0 },
        { name: 'b', memoryMb: 1024, invocations: 2, billedMs: 1000, coldStarts: 3 },
      ],
    };
    // Act
    const lines = caseCost(use, NO_FEES, PRICES);
    // Assess
    expect(usd(lines, 'Lambda duration')).toBe(2);
    expect(usd(lines, 'Lambda cold-start')).toBe(1.5);
    expect(usd(lines, 'Lambda requests')).toBe(6 / 1_000_000);
  });

  it('spreads the monthly key and secret fees over the cases of a year', () => {
    // Prepare: 2 keys and 1 secret at 1 USD a month, 24 cases a year: half a month per case.
    const fees = { ...NO_FEES, casesPerYear: 24, kmsKeys: 2, secrets: 1 };
    // Act
    const lines = caseCost(NOTHING, fees, PRICES);
    // Assess
    expect(usd(lines, 'KMS keys')).toBe(1);
    expect(usd(lines, 'Secrets (')).toBe(0.5);
    expect(total(lines)).toBe(1.5);
  });

  it('rounds each invocation up to a whole millisecond, at least one', () => {
    // Act
    const billed = billedMs([0.2, 1, 1.01, 7.9]);
    // Assess
    expect(billed).toBe(1 + 1 + 2 + 8);
  });

  it('counts log bytes as GB ingested', () => {
    // Act
    const lines = caseCost({ ...NOTHING, logBytes: 1024 ** 3 / 4 }, NO_FEES, PRICES);
    // Assess
    expect(usd(lines, 'CloudWatch')).toBe(0.25);
  });

  it('prices report requests at the REST API rate and again as WAF requests, staff requests at the HTTP API rate', () => {
    // Prepare: 2 million report requests, 3 million staff requests.
    const use = { ...NOTHING, publicApiRequests: 2_000_000, staffApiRequests: 3_000_000 };
    const prices = { ...PRICES, restApiRequest: { ...PRICES.restApiRequest, usd: 3.5 } };
    // Act
    const lines = caseCost(use, NO_FEES, prices);
    // Assess
    expect(usd(lines, 'API Gateway REST API')).toBe(7);
    expect(usd(lines, 'WAF requests')).toBe(2);
    expect(usd(lines, 'API Gateway HTTP API')).toBe(3);
    expect(total(lines)).toBe(12);
  });

  it('spreads the web ACL and rule fees over the cases of a year', () => {
    // Prepare: 1 ACL and 5 rules at 1 USD a month, 6 cases a year: 2 months per case.
    const fees = { ...NO_FEES, casesPerYear: 6, wafAcls: 1, wafRules: 5 };
    // Act
    const lines = caseCost(NOTHING, fees, PRICES);
    // Assess
    expect(usd(lines, 'WAF web ACLs')).toBe(2);
    expect(usd(lines, 'WAF rules')).toBe(10);
  });

  it('prices CloudFront requests, bytes out as GB and function runs', () => {
    // Act
    const use = {
      ...NOTHING,
      cloudfrontRequests: 30_000,
      cloudfrontBytes: 1024 ** 3 / 2,
      cloudfrontFunctionRuns: 4_000_000,
    };
    const lines = caseCost(use, NO_FEES, PRICES);
    // Assess
    expect(usd(lines, 'CloudFront requests')).toBe(3);
    expect(usd(lines, 'CloudFront data out')).toBe(0.5);
    expect(usd(lines, 'CloudFront Functions')).toBe(4);
  });
});

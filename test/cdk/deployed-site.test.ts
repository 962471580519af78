/**
 * What the deployed site needs to work in a browser: the console signs in with Cognito managed login
 * (code + PKCE) and calls the staff API cross-origin; the report form is served through CloudFront so
 * its pages and assets share one origin, and the report API answers nothing that bypasses CloudFront;
 * `/` and `/console/` lead somewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '../../functions/report-form/layout.js';
import { PUBLIC_ASSET_BASE } from '../../lib/functions.js';
import type { HavenStack } from '../../lib/haven-stack.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_IP_HEADER } from '../../lib/public-api.js';
import { reportViewerCode, SITE_ROUTES_CODE } from '../../lib/web.js';
import { defined } from '../support/defined.js';
import { buildHavenStack, type TemplateValue } from './build.js';

type Resource = { Type: string; Properties: Record<string, TemplateValue> };
/** What a CloudFront Function answers a viewer request with: the request (maybe changed) or a response. */
type ViewerResult = { uri?: string; statusCode?: number; headers: Record<string, { value: string }> };

let stack: HavenStack;
let template: Template;
let resources: Record<string, Resource>;
let outdir: string;
let clean: () => void;

const resource = (id: string) => defined(resources[id], `resource ${id}`);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);
const one = (type: string): [string, Resource] => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return defined(found[0], type);
};
/** `https://<distribution domain>` as CloudFormation writes it. */
const siteOrigin = () => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.web.distribution), 'DomainName'] }]],
});
const siteUrl = (path: string) => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.web.distribution), 'DomainName'] }, path]],
});
const distributionConfig = () => one('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const csp = () =>
  one('AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig
    .ContentSecurityPolicy.ContentSecurityPolicy as string;
const directive = (name: string) =>
  defined(
    csp()
      .split('; ')
      .find((d) => d.startsWith(`${name} `)),
    `the ${name} directive`,
  )
    .split(' ')
    .slice(1);
/** The `{{resolve:secretsmanager:…}}` reference CloudFormation fills with the origin-verify value. */
const verifyReference = () => stack.resolve(stack.publicApi.originVerify.secretValue.unsafeUnwrap());
/** Runs a CloudFront Function's code on a viewer-request event. */
function runFunction(
  code: string,
  uri: string,
  ip = '203.0.113.7',
  headers: Record<string, { value: string }> = {},
): ViewerResult {
  return runInNewContext(`${code}\nhandler(event)`, {
    event: { request: { method: 'GET', uri, headers, querystring: {}, cookies: {} }, viewer: { ip } },
  });
}

beforeAll(async () => {
  const built = await buildHavenStack('wrekin');
  ({ stack, clean } = built);
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  outdir = built.app.outdir;
});
afterAll(() => clean?.());

describe('console sign-in (Cognito managed login, authorization code + PKCE)', () => {
  it('the user pool has a Cognito prefix domain named from the association, on managed login', () => {
    // Prepare: the wrekin stack, synthesised once (beforeAll).
    // Act
    const { domainUrl } = stack.auth;

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'haven-wrekin-staff',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: idOf(stack.auth.userPool) },
    });
    expect(domainUrl).toBe('https://haven-wrekin-staff.auth.eu-west-2.amazoncognito.com');
  });

  it('the console client: code grant only, no secret, openid email profile, callback and sign-out on the site', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [, client] = one('AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [siteUrl('/console/sign-in.html')],
      LogoutURLs: [siteUrl('/console/signed-out.html')],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect([...client.Properties.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
  });

  it('short-lived tokens, and a refresh token is replaced each time it is used (rotation, no ALLOW_REFRESH_TOKEN_AUTH)', () => {
    // Prepare
    const minutes = (value: number, unit: string) =>
      unit === 'minutes' ? value : unit === 'hours' ? value * 60 : value * 1440;

    // Act
    const [, client] = one('AWS::Cognito::UserPoolClient');
    const units = client.Properties.TokenValidityUnits;

    // Assess
    expect(minutes(client.Properties.IdTokenValidity, units.IdToken)).toBeLessThanOrEqual(60);
    expect(minutes(client.Properties.AccessTokenValidity, units.AccessToken)).toBeLessThanOrEqual(60);
    expect(minutes(client.Properties.RefreshTokenValidity, units.RefreshToken)).toBeLessThanOrEqual(8 * 60);
    expect(client.Properties.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    expect(client.Properties.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH']);
  });

  it('managed login has a style for the console client (without one it shows an error page)', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act and Assess
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: idOf(stack.auth.userPool) },
      ClientId: { Ref: idOf(stack.auth.client) },
      UseCognitoProvidedValues: true,
    });
  });

  it("the staff API's JWT authorizer accepts tokens issued to that client only", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [, authorizer] = one('AWS::ApiGatewayV2::Authorizer');

    // Assess
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: idOf(stack.auth.client) }]);
  });

  it("the console's config.json carries the cognito section session.mjs reads: domain, client id, scopes", () => {
    // Prepare
    const [, files] = defined(
      ofType('Custom::CDKBucketDeployment').find(([, r]) => r.Properties.SourceMarkers?.length === 2),
      'the deployment with two sources',
    );
    const key = (files.Properties.SourceObjectKeys[1] as string).replace(/\.zip$/, '');
    const markers = files.Properties.SourceMarkers[1] as Record<string, unknown>;
    const [clientMarker] = defined(
      Object.entries(markers).find(([, v]) => JSON.stringify(v) === JSON.stringify({ Ref: idOf(stack.auth.client) })),
      'the marker of the client id',
    );

    // Act
    const config = JSON.parse(readFileSync(join(outdir, `asset.${key}`, 'console', 'config.json'), 'utf8'));

    // Assess
    expect(config).toMatchObject({
      auth: 'cognito',
      associationId: 'wrekin',
      cognito: {
        domain: 'https://haven-wrekin-staff.auth.eu-west-2.amazoncognito.com',
        clientId: clientMarker,
        scopes: 'openid email profile',
      },
    });
  });

  it("the site's CSP lets the console fetch Cognito's token endpoint and the staff API, and nothing else off-site", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [connect, script, form] = ['connect-src', 'script-src', 'form-action'].map(directive);

    // Assess
    expect(connect).toEqual([
      "'self'",
      'https://*.execute-api.eu-west-2.amazonaws.com',
      'https://haven-wrekin-staff.auth.eu-west-2.amazoncognito.com',
    ]);
    expect(script).toEqual(["'self'"]);
    expect(form).toEqual(["'self'"]);
  });

  it('the staff API answers CORS for the site only, with Authorization, If-Match and Content-Type, and exposes ETag', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const [, api] = one('AWS::ApiGatewayV2::Api');
    const cors = api.Properties.CorsConfiguration;

    // Assess
    expect(cors.AllowOrigins).toEqual([siteOrigin()]);
    expect(cors.AllowHeaders.map((h: string) => h.toLowerCase()).sort()).toEqual([
      'authorization',
      'content-type',
      'if-match',
    ]);
    expect(cors.ExposeHeaders.map((h: string) => h.toLowerCase())).toEqual(['etag']);
    expect(cors.AllowCredentials).toBe(false);
  });
});

describe('report form through CloudFront (one origin for pages and assets)', () => {
  const behaviour = (path: string) =>
    (distributionConfig().CacheBehaviors as { PathPattern: string }[]).find((b) => b.PathPattern === path) as Record<
      string,
      TemplateValue
    >;
  const reportOrigin = () => {
    const origins = distributionConfig().Origins as Record<string, TemplateValue>[];
    return defined(
      origins.find((o) => o.Id === behaviour('/report*').TargetOriginId),
      'the origin of /report*',
    );
  };

  it('/report* and /api/reports go to the REST API stage over HTTPS; everything else to the bucket', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const paths = (distributionConfig().CacheBehaviors as { PathPattern: string }[]).map((b) => b.PathPattern).sort();
    const origin = reportOrigin();

    // Assess
    expect(paths).toEqual(['/api/reports', '/report*']);
    expect(behaviour('/api/reports').TargetOriginId).toBe(behaviour('/report*').TargetOriginId);
    expect(origin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: idOf(stack.publicApi.api) }, '.execute-api.eu-west-2.amazonaws.com']],
    });
    expect(origin.OriginPath).toBe('/live');
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(distributionConfig().DefaultCacheBehavior.TargetOriginId).not.toBe(origin.Id);
  });

  it('nothing cached, every method, every viewer header but Host and every query string forwarded, no cookies', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const policyId = behaviour('/report*').OriginRequestPolicyId.Ref as string;
    const behaviours = ['/report*', '/api/reports'].map((path) => ({ path, b: behaviour(path) }));

    // Assess
    expect(resource(policyId).Properties.OriginRequestPolicyConfig).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'allExcept', Headers: ['Host'] },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
    });
    for (const { path, b } of behaviours) {
      expect(b.CachePolicyId, path).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(b.OriginRequestPolicyId).toEqual({ Ref: policyId });
      expect(b.AllowedMethods).toEqual(
        expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      );
      expect(b.ResponseHeadersPolicyId).toEqual(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId);
    }
    expect(behaviour('/report*').ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behaviour('/api/reports').ViewerProtocolPolicy).toBe('https-only');
  });

  it("CloudFront sends the origin-verify secret, and the API's web ACL blocks first whatever lacks it", () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const header = (reportOrigin().OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[]).find(
      (h) => h.HeaderName === ORIGIN_VERIFY_HEADER,
    );
    if (!header) throw new Error('expected the origin-verify header');
    const [, acl] = one('AWS::WAFv2::WebACL');
    const first = (acl.Properties.Rules as { Priority: number }[]).reduce((a, b) =>
      a.Priority <= b.Priority ? a : b,
    ) as Record<string, TemplateValue>;
    const match = first.Statement.NotStatement.Statement.ByteMatchStatement;

    // Assess
    expect(header.HeaderValue).toEqual(verifyReference());
    expect(JSON.stringify(header.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(first.Action).toEqual({ Block: {} });
    expect(match).toMatchObject({
      FieldToMatch: { SingleHeader: { Name: ORIGIN_VERIFY_HEADER.toLowerCase() } },
      PositionalConstraint: 'EXACTLY',
    });
    expect(match.SearchString).toEqual(verifyReference());
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'Haven-wrekin-public-api-origin-verify',
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
    });
  });

  it('the per-IP rate limit reads the viewer address CloudFront sets, overwriting any the viewer sent', () => {
    // Prepare
    const spoofed = { [VIEWER_IP_HEADER.toLowerCase()]: { value: '198.51.100.1' } };

    // Act
    const [, acl] = one('AWS::WAFv2::WebACL');
    const rate = defined(
      (acl.Properties.Rules as Record<string, TemplateValue>[]).find((r) => r.Statement.RateBasedStatement),
      'the rate-based rule',
    );
    const associations = ['/report*', '/api/reports'].map(
      (path) =>
        behaviour(path).FunctionAssociations as {
          EventType: string;
          FunctionARN: { 'Fn::GetAtt': [string, string] };
        }[],
    );
    const out = runFunction(reportViewerCode(VIEWER_IP_HEADER), '/report', '2001:db8::1', spoofed);

    // Assess
    expect(rate.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'FORWARDED_IP',
      ForwardedIPConfig: { HeaderName: VIEWER_IP_HEADER, FallbackBehavior: 'MATCH' },
    });
    for (const assoc of associations) {
      expect(assoc).toHaveLength(1);
      const [first] = assoc;
      if (!first) throw new Error('expected a function association');
      expect(first.EventType).toBe('viewer-request');
      const fn = resource(first.FunctionARN['Fn::GetAtt'][0]);
      expect(fn.Properties.FunctionCode).toBe(reportViewerCode(VIEWER_IP_HEADER));
    }
    expect(out.headers[VIEWER_IP_HEADER.toLowerCase()]).toEqual({ value: '2001:db8::1' });
    expect(out.uri).toBe('/report');
  });

  it('every /report* path reaches the form: one not under /report/ is moved under it; the form and /api/reports pass as they are', () => {
    // Prepare
    const paths = ['/reports-old', '/report-abuse', '/report/x', '/report', '/api/reports'];

    // Act
    const uris = paths.map((uri) => runFunction(reportViewerCode(VIEWER_IP_HEADER), uri).uri);

    // Assess
    expect(uris).toEqual(['/report/reports-old', '/report/report-abuse', '/report/x', '/report', '/api/reports']);
  });

  it("the form's pages load their assets root-relative from the site (ASSET_BASE_URL=/assets), so the page CSP 'self' covers them", () => {
    // Prepare
    const fnId = idOf(stack.functions.get('report-form') as never);

    // Act
    const env = resource(fnId).Properties.Environment.Variables;
    const html = layout(
      { associationName: 'Wrekin', basePath: '', assetPath: PUBLIC_ASSET_BASE, exitUrl: '/weather.html' },
      { title: 'Report', main: '' },
    );
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)]
      .map((m) => defined(m[1], 'a URL'))
      .filter((u) => u.includes('assets'));

    // Assess
    expect(env.ASSET_BASE_URL).toBe('/assets');
    expect(env.ALLOWED_ORIGIN).toEqual(siteOrigin());
    expect(urls.length).toBeGreaterThan(3);
    for (const u of urls) expect(u).toMatch(/^\/assets\//);
  });

  it('outputs the form and console addresses on the site', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess
    expect(defined(outputs.ReportFormUrl, 'the ReportFormUrl output').Value).toEqual(siteUrl('/report'));
    expect(defined(outputs.ConsoleUrl, 'the ConsoleUrl output').Value).toEqual(siteUrl('/console/'));
    expect(defined(outputs.StaffSignInDomain, 'the StaffSignInDomain output').Value).toBe(
      'https://haven-wrekin-staff.auth.eu-west-2.amazoncognito.com',
    );
  });
});

describe('site root', () => {
  it('has no default root object; a viewer-request function routes / and /console/', () => {
    // Prepare: the wrekin stack (beforeAll).
    // Act
    const config = distributionConfig();
    const assoc = config.DefaultCacheBehavior.FunctionAssociations as {
      EventType: string;
      FunctionARN: { 'Fn::GetAtt': [string, string] };
    }[];
    const fn = resource(defined(assoc[0], 'a function association').FunctionARN['Fn::GetAtt'][0]);

    // Assess
    expect(config.DefaultRootObject).toBeUndefined();
    expect(assoc.map((a) => a.EventType)).toEqual(['viewer-request']);
    expect(fn.Properties).toMatchObject({
      FunctionCode: SITE_ROUTES_CODE,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      AutoPublish: true,
    });
  });

  it('/ sends the public to the report form; /console and /console/ reach the caseload page; other paths pass untouched', () => {
    // Prepare
    const paths = ['/', '/index.html', '/console', '/console/', '/console/case.html', '/assets/haven/haven.mjs'];

    // Act
    const [root, index, consoleNoSlash, consoleSlash, casePage, asset] = paths.map((uri) =>
      runFunction(SITE_ROUTES_CODE, uri),
    );

    // Assess
    expect(root).toMatchObject({ statusCode: 302, headers: { location: { value: '/report' } } });
    expect(index).toMatchObject({ statusCode: 302, headers: { location: { value: '/report' } } });
    expect(consoleNoSlash).toMatchObject({ statusCode: 301, headers: { location: { value: '/console/' } } });
    expect(consoleSlash).toMatchObject({ uri: '/console/index.html' });
    expect(casePage).toMatchObject({ uri: '/console/case.html' });
    expect(asset).toMatchObject({ uri: '/assets/haven/haven.mjs' });
  });
});

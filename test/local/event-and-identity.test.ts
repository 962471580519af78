import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { identityFrom } from '../../functions/adapters/http/identity.js';
import { toEvent } from '../../local/api-gateway.js';
import { authorizerClaims, createLocalIdentity } from '../../local/identity.js';
import { matchRoute } from '../../local/routes.js';
import { defined } from '../support/defined.js';

const request = (method: string, url: string, headers: Record<string, string>) =>
  Object.assign(Readable.from([]), {
    method,
    url,
    headers,
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;

describe('local API Gateway: the events the handlers get', () => {
  const identity = createLocalIdentity({
    issuerBase: 'http://127.0.0.1:1/local',
    associations: [
      { id: 'wrekin', areaIds: ['telford', 'shropshire'] },
      { id: 'housing-21', areaIds: ['a'] },
    ],
  });

  it('routes by the same contract as the stack, with route key and path parameters', () => {
    // Prepare: the stack's routes (lib/handlers.ts) are the table.
    // Act
    const report = matchRoute('POST', '/api/reports');
    const caseView = matchRoute('GET', '/api/cases/abc-123');
    const caseload = matchRoute('GET', '/api/cases');
    const form = matchRoute('POST', '/report');
    const wrongMethod = matchRoute('DELETE', '/api/reports');
    const formAny = matchRoute('DELETE', '/report/x');

    // Assess
    expect(report).toMatchObject({ handler: 'intake', api: 'public', routeKey: 'POST /api/reports' });
    expect(caseView).toMatchObject({
      handler: 'cases',
      api: 'staff',
      routeKey: 'GET /api/cases/{id}',
      pathParameters: { id: 'abc-123' },
    });
    expect(caseload).toMatchObject({ routeKey: 'GET /api/cases' });
    expect(form).toMatchObject({ handler: 'report-form', api: 'public', routeKey: 'POST /report' });
    expect(formAny).toMatchObject({ handler: 'report-form', api: 'public', routeKey: 'DELETE /report/{proxy+}' });
    expect(wrongMethod).toBeUndefined();
  });

  it('builds a payload 2.0 event: lower-case headers, cookies apart, form bodies base64, JSON as text', () => {
    // Prepare
    const formRequest = request('POST', '/report?x=1&x=2', {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: 'a=1; b=2',
    });
    const jsonRequest = request('POST', '/api/reports', { 'content-type': 'application/json' });

    // Act
    const form = toEvent(formRequest, Buffer.from('q=1'), { rawPath: '/report', routeKey: 'POST /report' });
    const json = toEvent(jsonRequest, Buffer.from('{}'), {
      rawPath: '/api/reports',
      routeKey: 'POST /api/reports',
      dropCookies: true,
    });

    // Assess
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.cookies).toEqual(['a=1', 'b=2']);
    expect(form.headers.cookie).toBeUndefined();
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body as string, 'base64').toString()).toBe('q=1');
    expect(form.queryStringParameters).toEqual({ x: '1,2' });
    expect(form.requestContext.http).toMatchObject({ method: 'POST', path: '/report' });
    expect(form.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(json).toMatchObject({
      body: '{}',
      isBase64Encoded: false,
      rawPath: '/api/reports',
      routeKey: 'POST /api/reports',
    });
  });

  it('a verified local token reaches the handler as Cognito claims the handlers read (sub, email, cognito:groups, custom:areas)', async () => {
    // Prepare
    const token = await identity.tokenFor('wrekin', 'manager');

    // Act
    const claims = await identity.verify(token, 'wrekin');
    const event = toEvent(request('GET', '/api/cases', {}), Buffer.alloc(0), {
      rawPath: '/api/cases',
      routeKey: 'GET /api/cases',
      claims: authorizerClaims(defined(claims, 'the claims of a verified token')),
    });
    const who = identityFrom(event);

    // Assess
    expect(claims).toBeDefined();
    expect(event.requestContext).toMatchObject({
      authorizer: { jwt: { claims: { 'cognito:groups': '[manager]', 'custom:areas': 'telford,shropshire' } } },
    });
    expect(who).toMatchObject({
      email: 'manager@wrekin.haven.local',
      roles: ['manager'],
      areas: ['telford', 'shropshire'],
    });
  });

  it('refuses tokens of another association, expired, tampered or with another algorithm', async () => {
    // Prepare
    const token = await identity.tokenFor('wrekin', 'officer');
    const [h, p, s] = token.split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const tampered = `${h}.${p}.${s.slice(0, -2)}AA`;
    const later = createLocalIdentity({
      issuerBase: 'http://127.0.0.1:1/local',
      associations: [{ id: 'wrekin', areaIds: [] }],
      now: () => new Date(Date.now() + 9 * 3600_000),
    });

    // Act
    const [otherAssociation, unsigned, badSignature, otherKey] = await Promise.all([
      identity.verify(token, 'housing-21'),
      identity.verify(none, 'wrekin'),
      identity.verify(tampered, 'wrekin'),
      later.verify(token, 'wrekin'),
    ]);

    // Assess
    expect(otherAssociation).toBeUndefined();
    expect(unsigned).toBeUndefined();
    expect(badSignature).toBeUndefined();
    expect(otherKey, 'another key').toBeUndefined();
  });

  it("a token lasts 8 hours of Haven's clock, then is refused", async () => {
    // Prepare
    let at = Date.parse('2026-12-01T09:00:00Z');
    const timed = createLocalIdentity({
      issuerBase: 'http://127.0.0.1:1/local',
      associations: [{ id: 'wrekin', areaIds: [] }],
      now: () => new Date(at),
    });
    const token = await timed.tokenFor('wrekin', 'board');

    // Act
    at += 8 * 3600_000 - 1000;
    const justBefore = await timed.verify(token, 'wrekin');
    at += 1000;
    const atExpiry = await timed.verify(token, 'wrekin');

    // Assess
    expect(justBefore).toMatchObject({ 'cognito:groups': ['board'], 'custom:areas': '', token_use: 'id' });
    expect(atExpiry).toBeUndefined();
  });
});

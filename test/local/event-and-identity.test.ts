import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { identityFrom } from '../../functions/adapters/http/identity.js';
import { toEvent } from '../../local/api-gateway.js';
import { authorizerClaims, createLocalIdentity } from '../../local/identity.js';
import { matchRoute } from '../../local/routes.js';

const request = (method: string, url: string, headers: Record<string, string>) =>
  Object.assign(Readable.from([]), { method, url, headers, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('local API Gateway: the events the handlers get (issue 7)', () => {
  const identity = createLocalIdentity({ issuerBase: 'http://127.0.0.1:1/local', associations: [{ id: 'wrekin', areaIds: ['telford', 'shropshire'] }, { id: 'housing-21', areaIds: ['a'] }] });

  it('routes by the same contract as the stack, with route key and path parameters', () => {
    expect(matchRoute('POST', '/api/reports')).toMatchObject({ handler: 'intake', api: 'public', routeKey: 'POST /api/reports' });
    expect(matchRoute('GET', '/api/cases/abc-123')).toMatchObject({ handler: 'cases', api: 'staff', routeKey: 'GET /api/cases/{id}', pathParameters: { id: 'abc-123' } });
    expect(matchRoute('GET', '/api/cases')).toMatchObject({ routeKey: 'GET /api/cases' });
    expect(matchRoute('POST', '/report')).toMatchObject({ handler: 'report-form', api: 'public' });
    expect(matchRoute('DELETE', '/api/reports')).toBeUndefined();
  });

  it('builds a payload 2.0 event: lower-case headers, cookies apart, form bodies base64, JSON as text', () => {
    const form = toEvent(request('POST', '/report?x=1&x=2', { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'a=1; b=2' }), Buffer.from('q=1'), {
      rawPath: '/report',
      routeKey: 'POST /report',
    });
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.cookies).toEqual(['a=1', 'b=2']);
    expect(form.headers.cookie).toBeUndefined();
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body as string, 'base64').toString()).toBe('q=1');
    expect(form.queryStringParameters).toEqual({ x: '1,2' });
    expect(form.requestContext.http).toMatchObject({ method: 'POST', path: '/report' });
    expect(form.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const json = toEvent(request('POST', '/api/reports', { 'content-type': 'application/json' }), Buffer.from('{}'), { rawPath: '/api/reports', routeKey: 'POST /api/reports', dropCookies: true });
    expect(json).toMatchObject({ body: '{}', isBase64Encoded: false, rawPath: '/api/reports', routeKey: 'POST /api/reports' });
  });

  it('a verified local token reaches the handler as Cognito claims the handlers read (sub, email, cognito:groups, custom:areas)', () => {
    const token = identity.tokenFor('wrekin', 'manager');
    const claims = identity.verify(token, 'wrekin');
    expect(claims).toBeDefined();
    const event = toEvent(request('GET', '/api/cases', {}), Buffer.alloc(0), { rawPath: '/api/cases', routeKey: 'GET /api/cases', claims: authorizerClaims(claims!) });
    expect(event.requestContext).toMatchObject({ authorizer: { jwt: { claims: { 'cognito:groups': '[manager]', 'custom:areas': 'telford,shropshire' } } } });
    const who = identityFrom(event);
    expect(who).toMatchObject({ email: 'manager@wrekin.haven.local', roles: ['manager'], areas: ['telford', 'shropshire'] });
  });

  it('refuses tokens of another association, expired, tampered or with another algorithm', () => {
    const token = identity.tokenFor('wrekin', 'officer');
    expect(identity.verify(token, 'housing-21')).toBeUndefined();
    const [h, p, s] = token.split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect(identity.verify(none, 'wrekin')).toBeUndefined();
    expect(identity.verify(`${h}.${p}.${s.slice(0, -2)}AA`, 'wrekin')).toBeUndefined();
    const later = createLocalIdentity({ issuerBase: 'http://127.0.0.1:1/local', associations: [{ id: 'wrekin', areaIds: [] }], now: () => new Date(Date.now() + 9 * 3600_000) });
    expect(later.verify(token, 'wrekin'), 'another key').toBeUndefined();
  });
});

import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asHttpApiEvent } from '../../functions/adapters/http/rest-event.js';
import { createHandler as createIntake } from '../../functions/intake/handler.js';
import { createHandler as createReportForm } from '../../functions/report-form/handler.js';
import { type Harness, report, startHarness } from './harness.js';

/** A REST API (payload 1.0) event, as the public API behind CloudFront and WAF sends it. */
function restEvent(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    path,
    resource: path,
    headers: { 'Content-Type': 'application/json', Host: 'form.example.org', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      requestId: 'rest-req-00000001',
      stage: 'live',
      httpMethod: method,
      path,
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '192.0.2.9' },
    },
  } as unknown as APIGatewayProxyEvent;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('public routes behind the REST API (payload 1.0)', () => {
  it('normalises method, path, lower-cased headers and query to the HTTP API shape', () => {
    // Act
    const e = asHttpApiEvent({
      ...restEvent('get', '/report'),
      queryStringParameters: { page: 'sent', ref: 'HV-AAAA-BBBB' },
    });

    // Assess
    expect(e.requestContext.http.method).toBe('GET');
    expect(e.rawPath).toBe('/report');
    expect(e.headers['content-type']).toBe('application/json');
    expect(e.rawQueryString).toBe('page=sent&ref=HV-AAAA-BBBB');
    expect(e.requestContext.requestId).toBe('rest-req-00000001');
  });

  it('004 §7.5.1: POST /api/reports from the REST API opens a case and answers 202 with a reference', async () => {
    // Prepare
    const intake = createIntake(h.deps);

    // Act
    const res = (await intake(
      restEvent('POST', '/api/reports', report(), { 'Idempotency-Key': 'rest-key-0001' }) as never,
      {} as never,
    )) as { statusCode: number; body: string };

    // Assess
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body).reference).toMatch(/^OM-/);
  });

  it('GET /report from the REST API renders the form, danger question first', async () => {
    // Prepare
    const form = createReportForm(h.deps);

    // Act
    const res = await form(restEvent('GET', '/report'));

    // Assess
    expect(res.statusCode).toBe(200);
    expect(String(res.body)).toMatch(/in danger/i);
  });
});

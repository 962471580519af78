/**
 * The one HTTP shape: routes on the Powertools Router behind httpApi, REST (1.0) and HTTP API (2.0)
 * events alike, and every error answered by the one mapper in adapters/http.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RetryableStorageError,
} from '../../functions/adapters/errors.js';
import { httpApi, json } from '../../functions/adapters/http/middleware.js';
import { Routes } from '../../functions/adapters/http/router.js';
import { Refusal } from '../../functions/core/problems.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, captureOutput, MANAGER } from './harness.js';

const deps = { logger: new Logger({ serviceName: 'haven-test', logLevel: 'SILENT' }) };
type D = typeof deps;

/** A tiny API: one listing, one item by id, and a route that throws whatever the query names. */
function api() {
  const thrown: Record<string, () => unknown> = {
    invalid: () => new Refusal('invalid', 'invalid request', [{ field: 'x', problem: 'is not valid' }]),
    conflict: () => new Refusal('conflict', 'the case is closed', [{ field: 'status', problem: 'must not be closed' }]),
    unprocessable: () =>
      new Refusal('unprocessable', 'the case cannot be closed yet', [{ field: 'case', problem: 'p' }], ['p']),
    forbidden: () => new Refusal('forbidden', 'not yours'),
    'not-found': () => new Refusal('not-found', 'case not found'),
    stale: () => new ConflictError('stale', 'c1', 1, 2),
    gone: () => new NotFoundError('no case c1', 'c1'),
    cursor: () =>
      new InvalidInputError('cursor is not valid', {
        field: 'cursor',
        problem: 'must be the cursor of a previous page',
      }),
    busy: () => new RetryableStorageError('throttled'),
    bug: () => new Error('CANARY in a message'),
  };
  const routes = new Routes<D>()
    .get('/things', async ({ context }) => json(200, { ok: true }, context.correlationId))
    .get('/things/:id', async ({ params, context }) => json(200, { id: params.id }, context.correlationId))
    .post('/throw/:what', async ({ params }) => {
      const what = defined(params.what, 'the :what parameter');
      throw defined(thrown[what], `a thrower for ${what}`)();
    });
  return httpApi(async () => deps, routes.handle);
}

/** Sends two events at once to one instance of the tiny API. */
const callOneApi = (first: APIGatewayProxyEventV2, second: APIGatewayProxyEventV2) => {
  const handler = api();
  return Promise.all([call(handler, first), call(handler, second)]);
};

describe('the HTTP shape: one router, one error mapper', () => {
  it('path parameters are decoded; trailing slashes do not matter', async () => {
    // Act
    const [one, slash] = await callOneApi(apiEvent('GET', '/things/a%20b'), apiEvent('GET', '/things/'));
    // Assess
    expect([one.status, one.body]).toEqual([200, { id: 'a b' }]);
    expect([slash.status, slash.body]).toEqual([200, { ok: true }]);
  });

  it('an unknown path is 404 not found; a known path with another method is 405 naming the method it takes', async () => {
    // Act
    const [missing, wrong] = await callOneApi(apiEvent('GET', '/nothing'), apiEvent('DELETE', '/things/1'));
    // Assess
    expect([missing.status, missing.body]).toEqual([404, { error: 'not found' }]);
    expect([wrong.status, wrong.body]).toEqual([
      405,
      { error: 'method not allowed', fields: [{ field: 'method', problem: 'must be GET' }] },
    ]);
    expect(missing.headers['x-correlation-id']).toMatch(/^req-/);
  });

  it('the router sees only the method and the path: a GET with a body, or a Host header naming a path, routes as before', async () => {
    // Prepare
    const withBody = apiEvent('GET', '/things/7', { body: { any: 'thing' } });
    const forgedHost = apiEvent('GET', '/things', {
      headers: { host: 'example.org/throw/bug?', 'x-forwarded-proto': 'not a scheme' },
    });
    // Act
    const [one, list] = await callOneApi(withBody, forgedHost);
    // Assess
    expect([one.status, one.body]).toEqual([200, { id: '7' }]);
    expect([list.status, list.body]).toEqual([200, { ok: true }]);
  });

  it('a REST API (1.0) event is routed like an HTTP API (2.0) one', async () => {
    // Prepare
    const rest = {
      httpMethod: 'GET',
      path: '/things/42',
      resource: '/things/{id}',
      headers: {},
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { id: '42' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        requestId: 'rest-req-0000042',
        accountId: '1',
        apiId: 'a',
        stage: 'prod',
        protocol: 'HTTP/1.1',
        identity: { sourceIp: '192.0.2.1' },
      },
    } as unknown as APIGatewayProxyEvent;
    // Act
    const res = await call(api() as never, rest as never);
    // Assess
    expect([res.status, res.body]).toEqual([200, { id: '42' }]);
  });

  it('refusals map by kind, adapter errors by class; a 4xx body is { error, fields?, ...extra }, a 500 carries only the correlation id', async () => {
    // Prepare
    const handler = api();
    const kinds = [
      'invalid',
      'conflict',
      'unprocessable',
      'forbidden',
      'not-found',
      'stale',
      'gone',
      'cursor',
      'busy',
      'bug',
    ];
    // Act
    const answers = await Promise.all(
      kinds.map((k) => call(handler, apiEvent('POST', `/throw/${k}`, { claims: MANAGER }))),
    );
    // Assess
    const answer = (i: number) => defined(answers[i], `answer ${i}`);
    expect(answers.map((a) => a.status)).toEqual([400, 409, 422, 403, 404, 409, 404, 400, 503, 500]);
    expect(answer(0).body).toEqual({ error: 'invalid request', fields: [{ field: 'x', problem: 'is not valid' }] });
    expect(answer(2).body).toEqual({
      error: 'the case cannot be closed yet',
      fields: [{ field: 'case', problem: 'p' }],
      missing: ['p'],
    });
    expect(answer(3).body).toEqual({ error: 'not yours' });
    expect(answer(5).body.fields).toEqual([{ field: 'expectedVersion', problem: 'is not the current version' }]);
    expect(answer(7).body).toEqual({
      error: 'invalid request',
      fields: [{ field: 'cursor', problem: 'must be the cursor of a previous page' }],
    });
    expect(answer(8).headers['retry-after']).toBe('2');
    expect(answer(9).body).toEqual({ error: 'internal', correlationId: answer(9).headers['x-correlation-id'] });
    expect(answer(9).raw).not.toContain('CANARY');
  });

  it("a 500's log line names the error's class, never its message (a message may quote what was sent)", async () => {
    // Prepare
    const handler = httpApi(
      async () => ({ logger: new Logger({ serviceName: 'haven-test' }) }),
      async () => {
        JSON.parse('CANARY-log-narrative');
        return json(200, {}, 'unreachable');
      },
    );

    // Act
    const { result, output } = await captureOutput(() =>
      call(handler, apiEvent('POST', '/anything', { claims: MANAGER })),
    );

    // Assess
    expect(result.status).toBe(500);
    expect(output).toContain('"errorClass":"SyntaxError"');
    expect(output).not.toContain('CANARY');
  });
});

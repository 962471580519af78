/**
 * The public report form behind the one HTTP wrapper: form posts in, GOV.UK pages out, every page with
 * the form's headers (CSP, no-store, no cookie), and every error mapped once (error-response.ts) and
 * rendered as a page that never repeats what was sent; a failure page gives only the correlation id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryableStorageError } from '../../functions/adapters/errors.js';
import { Refusal } from '../../functions/core/problems.js';
import { createHandler } from '../../functions/report-form/handler.js';
import { apiEvent, call, captureOutput, type Harness, startHarness } from './harness.js';

const CANARY = 'CANARY-form-31c7';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** The final post ("Send report" on Check your answers: every answer in hidden fields); anonymous, about someone else. */
const detailsPost = (formToken: string): Record<string, string> => ({
  step: 'check',
  formToken,
  immediateDanger: 'no',
  about: 'someone-else',
  reporterKind: 'anonymous',
  livesInAssociationHome: 'yes',
  narrative: CANARY,
  contactMethod: 'unknown',
  reporterContact: 'none',
});

/** The headers every page of the form carries. */
function expectPageHeaders(headers: Record<string, string>) {
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(Object.keys(headers)).not.toContain('set-cookie');
  expect(Object.keys(headers)).not.toContain('x-correlation-id');
}

describe('report form pages through httpApi', () => {
  it('GET /report renders "Before you start" (999 first, then what Exit does) with the form headers and the neutral title', async () => {
    // Act
    const res = await call(createHandler(h.deps), apiEvent('GET', '/report'));

    // Assess
    expect(res.status).toBe(200);
    expectPageHeaders(res.headers);
    expect(res.raw).toMatch(/in danger now/i);
    expect(res.raw).toContain('Before you start');
    expect(res.raw).toContain('<title>One Manchester - Contact us</title>');
    expect(res.raw.indexOf('call 999')).toBeLessThan(res.raw.indexOf('Before you start'));
  });

  it('a form post is read into fields: no answer to the danger question is a 400 page naming it', async () => {
    // Act
    const res = await call(
      createHandler(h.deps),
      apiEvent('POST', '/report', { rawBody: `other=${CANARY}`, headers: FORM }),
    );

    // Assess
    expect(res.status).toBe(400);
    expectPageHeaders(res.headers);
    expect(res.raw).toContain('govuk-error-summary');
    expect(res.raw).not.toContain(CANARY);
  });

  it('a form post of the danger answer leads to "about you or someone else?" with its token and the 999 advice first', async () => {
    // Act
    const res = await call(
      createHandler(h.deps),
      apiEvent('POST', '/report', { rawBody: 'immediateDanger=yes', headers: FORM }),
    );

    // Assess
    expect(res.status).toBe(200);
    expect(res.raw).toContain('press 55');
    expect(res.raw).toMatch(/name="formToken" value="[\w-]+"/);
    expect(res.raw).toContain('Is this report about you, or about someone else?');
    expect(res.raw.indexOf('press 55')).toBeLessThan(res.raw.indexOf('about you, or about someone else'));
  });

  it('without JavaScript, Change on "Check your answers" opens that step carrying every answer, and its Continue comes back to the check', async () => {
    // Prepare
    const form = createHandler(h.deps);
    const post = (fields: Record<string, string>) =>
      call(form, apiEvent('POST', '/report', { rawBody: new URLSearchParams(fields).toString(), headers: FORM }));
    const { step: _s, ...answers } = detailsPost('form-token-change-0001');

    // Act
    const change = await post({ ...answers, step: 'check', goto: 'narrative', stray: CANARY });
    const back = await post({
      ...answers,
      step: 'narrative',
      returnTo: 'check',
      narrative: 'What happened, told again.',
    });

    // Assess
    expect(change.status).toBe(200);
    expect(change.raw).toContain('name="step" value="narrative"');
    expect(change.raw).toContain('<input type="hidden" name="returnTo" value="check">');
    expect(change.raw).toContain('<input type="hidden" name="reporterKind" value="anonymous">');
    expect(change.raw, 'only answers are carried, never a stray field').not.toContain('stray');
    expect(back.raw).toContain('Check your answers before sending your report');
    expect(back.raw).toContain('What happened, told again.');
    expect(h.workflow.started, 'nothing is sent before Send').toHaveLength(0);
  });

  it('a step with an unanswered required question is shown again with its error, and the journey does not move on', async () => {
    // Act
    const res = await call(
      createHandler(h.deps),
      apiEvent('POST', '/report', {
        rawBody: 'step=about&immediateDanger=no&formToken=form-token-stay-00001',
        headers: FORM,
      }),
    );

    // Assess
    expect(res.status).toBe(400);
    expect(res.raw).toContain('Select whether this report is about you or someone else');
    expect(res.raw).toContain('name="step" value="about"');
    expect(res.raw).toContain('value="form-token-stay-00001"');
  });

  it.each([
    { name: 'an unknown path', event: apiEvent('GET', '/elsewhere'), status: 404, title: 'Page not found' },
    {
      name: 'a path under the form',
      event: apiEvent('GET', `/report/${CANARY}`),
      status: 404,
      title: 'Page not found',
    },
    {
      name: 'a method the form does not take',
      event: apiEvent('PUT', '/report', { rawBody: `narrative=${CANARY}`, headers: FORM }),
      status: 404,
      title: 'Page not found',
    },
    {
      name: 'a body over 256 KB',
      event: apiEvent('POST', '/report', { rawBody: `narrative=${CANARY}${'x'.repeat(256 * 1024)}`, headers: FORM }),
      status: 413,
      title: 'Your report is too long',
    },
    {
      name: 'a body that is not a form post',
      event: apiEvent('POST', '/report', { body: { narrative: CANARY } }),
      status: 415,
      title: 'Your report has not been sent',
    },
  ])('$name is answered by a $status page, never repeating what was sent', async ({ event, status, title }) => {
    // Act
    const res = await call(createHandler(h.deps), event);

    // Assess
    expect(res.status).toBe(status);
    expectPageHeaders(res.headers);
    expect(res.raw).toContain(title);
    expect(res.raw).toContain('Exit this page');
    expect(res.raw).not.toContain(CANARY);
  });

  it("an internal failure is a 500 page with only API Gateway's request id (never one the caller chose), logged with the error class under it", async () => {
    // Prepare: the store fails with the report's words in its message.
    const cases = { ...h.deps.cases, createCase: async () => Promise.reject(new Error(`boom ${CANARY}`)) };
    const form = createHandler({ ...h.deps, cases });
    const body = new URLSearchParams(detailsPost('form-token-failing')).toString();
    const event = apiEvent('POST', '/report', {
      rawBody: body,
      headers: { ...FORM, 'x-correlation-id': 'corr-form-0001' },
    });

    // Act
    const { result: res, output } = await captureOutput(() => call(form, event));

    // Assess
    expect(res.status).toBe(500);
    expectPageHeaders(res.headers);
    expect(res.raw).toContain('Sorry, there is a problem with the service');
    const reference = /Reference for our support team: (req-\d+-abcdefgh)/.exec(res.raw)?.[1];
    expect(reference, 'the request id API Gateway gave').toBeDefined();
    expect(res.raw).not.toContain('corr-form-0001');
    expect(res.raw).not.toContain(CANARY);
    expect(output).toContain(`"correlationId":"${reference}"`);
    expect(output).toContain('"errorClass":"Error"');
    expect(h.workflow.started).toHaveLength(0);
  });

  it.each([
    {
      name: 'a report the intake rules refuse (a Refusal)',
      fault: {
        createCase: async () =>
          Promise.reject(new Refusal('invalid', 'invalid report', [{ field: 'person.dateOfBirth', problem: 'x' }])),
      },
      status: 400,
      title: 'Your report has not been sent',
      retryAfter: undefined,
    },
    {
      name: 'the store throttled past its retries',
      fault: { createCase: async () => Promise.reject(new RetryableStorageError('throttled')) },
      status: 503,
      title: 'Sorry, there is a problem with the service',
      retryAfter: '2',
    },
  ])('$name is a $status page with the form headers, never repeating what was sent', async (row) => {
    // Prepare
    const form = createHandler({ ...h.deps, cases: { ...h.deps.cases, ...row.fault } });
    const body = new URLSearchParams(detailsPost(`form-token-${row.status}`)).toString();

    // Act
    const res = await call(form, apiEvent('POST', '/report', { rawBody: body, headers: FORM }));

    // Assess
    expect(res.status).toBe(row.status);
    expectPageHeaders(res.headers);
    expect(res.raw).toContain(row.title);
    expect(res.headers['retry-after']).toBe(row.retryAfter);
    expect(res.raw).not.toContain(CANARY);
    expect(h.workflow.started).toHaveLength(0);
  });

  it('a form whose deps cannot be built answers a plain 500 page (no assets needed), with the 999 advice and no JSON', async () => {
    // Prepare
    const form = createHandler(async () => Promise.reject(new Error(`no config ${CANARY}`)));

    // Act
    const { result: res } = await captureOutput(() => call(form, apiEvent('GET', '/report')));

    // Assess
    expect(res.status).toBe(500);
    expectPageHeaders(res.headers);
    expect(res.raw).toContain('If you are in danger, call 999.');
    expect(res.raw).toMatch(/Reference for our support team: req-\d+-abcdefgh/);
    expect(res.raw).not.toContain(CANARY);
    expect(res.raw).not.toContain('{"error"');
  });
});

import { describe, expect, it } from 'vitest';
import { CANARY, CANARY_PHONE, CANARY_PHONE_PREFIX, type IntakeRequest } from '../support/intake-bodies.js';
import { answerProblem } from '../support/intake-fuzz.js';
import type { Answer } from '../support/reliability-haven.js';

const request: IntakeRequest = { route: 'wrekin', contentType: 'application/json', body: '{}', kinds: ['valid'] };
const answer = (status: number, body: unknown): Answer => ({ status, raw: JSON.stringify(body), json: body });

describe('the intake fuzz’s properties: what counts as a broken answer', () => {
  it('a 4xx naming a field, echoing nothing, keeps the properties', () => {
    // Act
    const problem = answerProblem(
      request,
      answer(400, { error: 'invalid report', fields: [{ field: 'area', problem: 'is not one of our areas' }] }),
    );

    // Assess
    expect(problem).toBeUndefined();
  });

  it('a 202 with the association’s reference and advice keeps the properties', () => {
    // Act
    const problem = answerProblem(request, answer(202, { reference: 'WHG-AB12-CD34', advice: { steps: [] } }));

    // Assess
    expect(problem).toBeUndefined();
  });

  it.each([
    ['a 5xx', answer(500, { error: 'internal error', correlationId: 'c-1' }), 'answered 500'],
    ['a 4xx naming no field', answer(400, { error: 'invalid report' }), 'a 400 naming no field'],
    [
      'a 4xx with an empty field',
      answer(415, { error: 'x', fields: [{ field: '', problem: 'p' }] }),
      'a 415 naming no field',
    ],
    [
      'a 4xx echoing the canary',
      answer(400, { error: 'x', fields: [{ field: 'area', problem: `${CANARY} is wrong` }] }),
      `a 400 echoed ${CANARY}`,
    ],
    [
      'a 4xx echoing the phone',
      answer(400, { error: 'x', fields: [{ field: 'p', problem: CANARY_PHONE }] }),
      `a 400 echoed ${CANARY_PHONE_PREFIX}`,
    ],
    [
      'a 202 answering more than the reference',
      answer(202, { reference: 'WHG-AB12-CD34', caseId: 'c' }),
      'a 202 answering reference, caseId',
    ],
    [
      'a 202 with another association’s reference',
      answer(202, { reference: 'OM-AB12-CD34' }),
      "a 202 whose reference is not wrekin's",
    ],
    ['a redirect', answer(302, {}), 'answered 302'],
  ])('%s breaks them', (_name, given, words) => {
    // Act
    const problem = answerProblem(request, given);

    // Assess
    expect(problem).toBe(words);
  });
});

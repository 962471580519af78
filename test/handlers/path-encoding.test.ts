/**
 * A path whose percent-encoding is malformed (a `%` not beginning `%XX`, or bytes that are not UTF-8)
 * names nothing: every handler answers it 400 naming the path, in its own shape, never a 500 and
 * never the path echoed. The cases Lambda as AWS calls it, and the public form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/cases/handler.js';
import { createHandler as createForm } from '../../functions/report-form/handler.js';
import { apiEvent, call, type Harness, MANAGER, OFFICER, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const MALFORMED = {
  error: 'invalid path',
  fields: [{ field: 'path', problem: 'has a malformed percent-encoding: each % must begin %XX of UTF-8' }],
};

describe('a malformed percent-encoding in the path is a 400 naming the path', () => {
  it.each([
    ['GET', '/api/cases/%E0%A4%A'],
    ['GET', '/api/cases/%'],
    ['POST', '/api/cases/%E0%A4%A/reveal'],
    ['POST', '/api/cases/abc-12345/%ZZ'],
    ['POST', '/api/cases/%C0%AF/close'],
  ])('the cases Lambda answers %s %s with 400 naming the path, not echoing it', async (method, path) => {
    // Act
    const res = await call(createHandler(h.deps), apiEvent(method, path, { claims: MANAGER, body: {} }));

    // Assess
    expect([res.status, res.body]).toEqual([400, MALFORMED]);
    expect(res.raw).not.toMatch(/%E0|%ZZ|%C0/);
  });

  it('a well-formed encoding still reaches the route: an unknown case id, encoded, is 404 not found', async () => {
    // Act
    const res = await call(createHandler(h.deps), apiEvent('GET', '/api/cases/no%20such-case', { claims: OFFICER }));

    // Assess
    expect(res.status).toBe(404);
  });

  it.each(['/report/%E0%A4%A', '/report/%'])(
    'the public form answers GET %s with its own 400 page ("Page not found"), the path not echoed',
    async (path) => {
      // Act
      const res = await call(createForm(h.deps), apiEvent('GET', path));

      // Assess
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.raw).toContain('Page not found');
      expect(res.raw).toContain('Exit this page');
      expect(res.raw).not.toMatch(/%E0|report\/%/);
    },
  );
});

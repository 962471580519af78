/**
 * The staff directory failing in AWS (Cognito throttled, denied, or the pool gone) is the deployment's
 * fault, not the caller's: GET /api/staff and an assignment answer 500 with a correlation id only —
 * no officer id, no pool id, no word of Cognito's message — the log names the error classes only,
 * and the case is unchanged.
 */
import { CognitoIdentityProviderClient, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cognitoDirectory } from '../../functions/adapters/directory-cognito.js';
import { createHandler } from '../../functions/cases/handler.js';
import { defined } from '../support/defined.js';
import { apiEvent, call, captureOutput, type Harness, LEAD, MANAGER, startHarness } from './harness.js';

const POOL = 'eu-west-2_CanaryPoolQ3';
const OFFICER_ID = 'officer-CNRY-7731';
const cognito = mockClient(CognitoIdentityProviderClient);

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  h = await startHarness();
  handler = createHandler({
    ...h.deps,
    directory: cognitoDirectory({ client: new CognitoIdentityProviderClient({}), userPoolId: POOL }),
  });
});
afterAll(async () => {
  cognito.restore();
  await h.stop();
});
beforeEach(() => {
  cognito.reset();
  cognito.on(ListUsersInGroupCommand).rejects(
    Object.assign(new Error(`User: ${OFFICER_ID} is not authorized on userpool/${POOL}`), {
      name: 'AccessDeniedException',
      $metadata: {},
    }),
  );
});

/** The one log line of a failed request, parsed. */
const failureLine = (output: string) =>
  JSON.parse(
    defined(
      output.split('\n').find((l) => l.includes('"request failed"')),
      'a request failed log line',
    ),
  );

describe('000, 004 §10: a staff directory failure', () => {
  it('GET /api/staff answers 500 with the correlation id only; the log names DirectoryError and the SDK’s class', async () => {
    // Act
    const { result: res, output } = await captureOutput(() =>
      call(
        handler,
        apiEvent('GET', '/api/staff', { claims: MANAGER, headers: { 'x-correlation-id': 'corr-directory-0001' } }),
      ),
    );

    // Assess
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', correlationId: 'corr-directory-0001' });
    expect(failureLine(output)).toMatchObject({
      correlationId: 'corr-directory-0001',
      errorClass: 'DirectoryError',
      causeName: 'AccessDeniedException',
    });
    for (const secret of [POOL, OFFICER_ID, 'not authorized']) {
      expect(res.raw).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
  });

  it('an assignment answers 500 with the correlation id only, never the officer id sent, and the case is unchanged', async () => {
    // Prepare
    const id = await h.newCase();

    // Act
    const { result: res, output } = await captureOutput(() =>
      call(
        handler,
        apiEvent('POST', `/api/cases/${id}/assign`, {
          body: { officer: OFFICER_ID },
          claims: LEAD,
          headers: { 'if-match': '"1"', 'x-correlation-id': 'corr-directory-0002' },
        }),
      ),
    );

    // Assess
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', correlationId: 'corr-directory-0002' });
    expect(failureLine(output)).toMatchObject({ errorClass: 'DirectoryError', causeName: 'AccessDeniedException' });
    for (const secret of [POOL, OFFICER_ID, 'not authorized']) {
      expect(res.raw).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    const stored = await h.cases.getCase(id, 'system');
    expect([stored.version, stored.state.assignedOfficer]).toEqual([1, undefined]);
    expect(h.workflow.signalled).not.toContain(id);
  });
});

/**
 * CONTRIBUTING "Personal data never appears in logs … or error messages": a report full of canary
 * strings goes through intake, the staff view and commands, bad input and an internal failure;
 * every log line and every error body is searched for them.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createCaseRepository } from '../../functions/adapters/store/index.js';
import { createHandler as casesHandler } from '../../functions/cases/handler.js';
import { createHandler as intakeHandler } from '../../functions/intake/handler.js';
import { defined } from '../support/defined.js';
import {
  apiEvent,
  call,
  CANARIES as canaries,
  canaryPeople,
  canarySafeContact,
  captureOutput,
  type Harness,
  MANAGER,
  CANARY_PATTERNS as patterns,
  report,
  startHarness,
} from './harness.js';

const canaryReport = report({
  immediateDanger: true,
  ...canaryPeople,
  safeContact: canarySafeContact as never,
  needs: { language: canaries.language, accessibility: canaries.accessibility } as never,
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

function expectClean(text: string, where: string) {
  for (const p of patterns) expect(text.includes(p), `${where} contains ${p}`).toBe(false);
}

describe('canaries: no personal data in logs, responses to the reporter, or errors', () => {
  it('intake, staff commands, bad input and an internal error write no canary to any log line or error body', async () => {
    // A journey: every step runs inside one captured output (searched at the end), and the staff
    // commands act on the case the intake step opened, at the version the last command left.

    // Prepare
    const intake = intakeHandler(h.deps);
    const cases = casesHandler(h.deps);
    const bodies: string[] = [];
    const { output } = await captureOutput(async () => {
      // Act
      const ok = await call(
        intake,
        apiEvent('POST', '/api/reports', { body: canaryReport, headers: { 'idempotency-key': 'canary-key-001' } }),
      );

      // Assess
      expect(ok.status).toBe(202);
      bodies.push(ok.raw); // advice never repeats what they told us

      // Act
      const retry = await call(
        intake,
        apiEvent('POST', '/api/reports', { body: canaryReport, headers: { 'idempotency-key': 'canary-key-001' } }),
      );

      // Assess
      bodies.push(retry.raw);

      // Prepare
      const id = defined((await h.cases.listOpenCases({})).items.at(0), 'an open case').caseId;
      // Staff commands carrying canaries in free text, including refusals.
      const cmd = (path: string, body: unknown, version: number) =>
        call(
          cases,
          apiEvent('POST', `/api/cases/${id}/${path}`, {
            body,
            claims: MANAGER,
            headers: { 'if-match': String(version) },
          }),
        );

      // Act
      const c1 = await cmd('contacts', { way: 'phone', note: canaries.note }, 1);

      // Assess
      expect(c1.status).toBe(200);
      bodies.push(c1.raw);

      // Act
      const refusals = [
        await cmd('actions/initial-contact', { outcome: 'bogus', reason: canaries.reason }, 2),
        await cmd(
          'consent',
          { duty: 'marac-referral', decision: 'overridden', basis: 'legal-request', reason: canaries.reason },
          2,
        ),
        await cmd('contacts', { way: 'phone', note: canaries.note }, 1), // stale: 409
        await cmd('facts', { [canaries.name]: true }, 2),
        await cmd('safety-plan', { steps: [{ text: `${canaries.note}\u0001` }], keyContacts: [] }, 2),
        await cmd('close', { discussedWithVictim: false, outcome: 'action-plan-complete', reason: canaries.reason }, 2),
      ];

      // Assess
      for (const r of refusals) {
        expect(r.status).toBeGreaterThanOrEqual(400);
        bodies.push(r.raw);
      }

      // Bad input to intake.
      for (const bad of [
        { ...canaryReport, reporterKind: canaries.name },
        { ...canaryReport, [canaries.name]: canaries.address },
        { ...canaryReport, person: { name: `${canaries.name}\u0000` } },
      ]) {
        // Act
        const r = await call(intake, apiEvent('POST', '/api/reports', { body: bad }));

        // Assess
        expect(r.status).toBe(400);
        bodies.push(r.raw);
      }

      // Prepare
      // An internal failure with the canary report in flight: DynamoDB refuses the write.
      const failing = mockClient(DynamoDBDocumentClient.from(h.table.client));
      failing
        .on(PutCommand)
        .rejects(
          Object.assign(new Error(`ValidationException: ${canaries.narrative}`), { name: 'ValidationException' }),
        );
      const broken = createCaseRepository({
        client: failing as never,
        tableName: h.table.tableName,
        associationId: 'one-manchester',
        config: getAssociation('one-manchester'),
        crypto: h.crypto,
      });

      // Act
      const r = await call(
        intakeHandler({ ...h.deps, cases: broken }),
        apiEvent('POST', '/api/reports', { body: canaryReport, headers: { 'idempotency-key': 'canary-key-002' } }),
      );

      // Assess
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: 'internal', correlationId: expect.any(String) });
      bodies.push(r.raw);
      failing.restore();
    });

    // Assess
    expect(output.length).toBeGreaterThan(0);
    expect(output).toContain('"correlationId"');
    expect(output).toContain('"errorClass":"StorageError"');
    expectClean(output, 'log output');
    for (const [i, b] of bodies.entries()) expectClean(b, `response ${i}`);
  });
});

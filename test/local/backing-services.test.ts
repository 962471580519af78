import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';
import { jump, mailbox, staffToken } from './clock-client.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** Where the running Haven's dynalite and SES mock listen, as its banner says. */
function backing(stdout: string): { dynamodb: string; ses: string } {
  const m = /dynalite: +(http:\/\/127\.0\.0\.1:\d+) +SES mock: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
  if (!m) throw new Error('the banner names no dynalite and SES mock');
  return { dynamodb: m[1] as string, ses: m[2] as string };
}

/** A One Manchester report (its first clock is due within a day), filed with a fresh key. */
async function file(url: string): Promise<{ reference: string }> {
  const res = await fetch(`${url}/one-manchester/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `backing-${randomUUID()}` },
    body: JSON.stringify({
      associationId: 'one-manchester',
      reporterKind: 'victim',
      immediateDanger: false,
      livesInAssociationHome: 'yes',
      narrative: 'backing services test',
    }),
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { reference: string };
}

/** The case with `reference`, as a manager finds it through the staff API (undefined when there is none). */
async function findCase(url: string, token: string, reference: string): Promise<{ caseId: string } | undefined> {
  const res = await fetch(`${url}/one-manchester/api/cases?reference=${reference}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items?: { caseId: string; reference: string }[] };
  return body.items?.find((c) => c.reference === reference);
}

describe("npm start: dynalite and the SES mock answer Haven's own process only", () => {
  const haven = havenForSuite({ HAVEN_SPEED: '0' });

  it('a DeleteItem or ListTables sent straight to dynalite is refused (403) and the case is still there', async () => {
    // Prepare: a case, found through Haven.
    const { reference } = await file(haven.url);
    const token = await staffToken(haven.url, haven.dataDir, 'one-manchester', 'manager');
    const found = await findCase(haven.url, token, reference);
    expect(found).toBeDefined();
    const stranger = new DynamoDBClient({
      endpoint: backing(haven.stdout()).dynamodb,
      region: 'eu-west-2',
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });

    try {
      // Act
      const listed = await stranger.send(new ListTablesCommand({})).catch((e: unknown) => e);
      const deleted = await stranger
        .send(
          new DeleteItemCommand({
            TableName: 'Haven-one-manchester-cases',
            Key: { pk: { S: `CASE#${found?.caseId}` }, sk: { S: 'CASE' } },
          }),
        )
        .catch((e: unknown) => e);

      // Assess
      expect(statusOf(listed)).toBe(403);
      expect(statusOf(deleted)).toBe(403);
      expect(await findCase(haven.url, token, reference), 'the case was not deleted').toMatchObject({
        caseId: found?.caseId,
      });
    } finally {
      stranger.destroy();
    }
  });

  it('GET /store, POST /clear-store and a SendEmail sent straight to the SES mock are refused (403) and the mailbox is unchanged', async () => {
    // Prepare
    const ses = backing(haven.stdout()).ses;
    const before = await mailbox(haven.url);
    const stranger = new SESv2Client({ endpoint: ses, region: 'eu-west-2', credentials: CREDENTIALS, maxAttempts: 1 });

    try {
      // Act
      const store = await fetch(`${ses}/store`);
      const cleared = await fetch(`${ses}/clear-store`, { method: 'POST' });
      const page = await fetch(`${ses}/`);
      const sent = await stranger
        .send(
          new SendEmailCommand({
            FromEmailAddress: 'intruder@example.org',
            Destination: { ToAddresses: ['someone@example.org'] },
            Content: { Simple: { Subject: { Data: 'not from Haven' }, Body: { Text: { Data: 'x' } } } },
          }),
        )
        .catch((e: unknown) => e);

      // Assess
      expect([store.status, cleared.status, page.status]).toEqual([403, 403, 403]);
      expect(await store.text()).not.toContain('emails');
      expect(statusOf(sent)).toBe(403);
      expect(await mailbox(haven.url)).toEqual(before);
    } finally {
      stranger.destroy();
    }
  });

  it('Haven itself still works through them: a report goes in, its first escalation is sent and read back through the runtime, /health is ok', async () => {
    // Prepare
    const { reference } = await file(haven.url);

    // Act
    const moved = await jump(haven.url, haven.dataDir, '+25h');

    // Assess
    expect(moved.emailsSent).toBeGreaterThanOrEqual(1);
    const mine = (await mailbox(haven.url)).filter((m) => m.subject.includes(reference));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toMatch(new RegExp(`^Overdue: .+ on case ${reference}$`));
    const health = await fetch(`${haven.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', dynamodb: true, ses: true, workflow: true });
  });
});

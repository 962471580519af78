import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/intake/handler.js';
import { apiEvent, call, type Harness, report, startHandlerHarness } from './harness.js';

const CANARY = 'CANARY-7f3a9';

let h: Harness;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => ({ h, handler } = await startHandlerHarness(createHandler)));
afterAll(() => h.stop());

type Row = {
  name: string;
  status: number;
  field: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};

const rows: Row[] = [
  { name: 'an unknown top-level field', status: 400, field: '(body)', body: { ...report(), [`x${CANARY}`]: CANARY } },
  {
    name: 'an unknown nested field',
    status: 400,
    field: 'person',
    body: report({ person: { name: CANARY, nickname: CANARY } as never }),
  },
  { name: 'a bad enum', status: 400, field: 'reporterKind', body: report({ reporterKind: CANARY as never }) },
  {
    name: 'a bad enum in a list',
    status: 400,
    field: 'abuseTypes[0]',
    body: report({ abuseTypes: [CANARY as never] }),
  },
  {
    name: 'a control character in the narrative',
    status: 400,
    field: 'narrative',
    body: report({ narrative: `${CANARY}\u0007` }),
  },
  {
    name: 'a line break in a one-line field',
    status: 400,
    field: 'person.name',
    body: report({ person: { name: `${CANARY}\nsecond line` } }),
  },
  {
    name: 'a date of birth in the future',
    status: 400,
    field: 'person.dateOfBirth',
    body: report({ person: { name: CANARY, dateOfBirth: '2031-01-01' } }),
  },
  {
    name: 'a date of birth before 1900',
    status: 400,
    field: 'person.dateOfBirth',
    body: report({ person: { name: CANARY, dateOfBirth: '1899-12-31' } }),
  },
  {
    name: 'a date of birth that is not a date',
    status: 400,
    field: 'person.dateOfBirth',
    body: report({ person: { name: CANARY, dateOfBirth: `${CANARY}` } }),
  },
  {
    name: 'a missing narrative',
    status: 400,
    field: 'narrative',
    body: { ...report(), narrative: undefined, person: { name: CANARY } },
  },
  {
    name: 'an empty narrative',
    status: 400,
    field: 'narrative',
    body: report({ narrative: '   ', person: { name: CANARY } }),
  },
  {
    name: 'a narrative over 10,000 characters',
    status: 400,
    field: 'narrative',
    body: report({ narrative: CANARY.repeat(2000) }),
  },
  { name: 'a bad email', status: 400, field: 'reporter.email', body: report({ reporter: { email: `${CANARY}@` } }) },
  { name: 'a wrong type', status: 400, field: 'immediateDanger', body: { ...report(), immediateDanger: CANARY } },
  {
    name: 'phone contact without a phone',
    status: 400,
    field: 'safeContact.phone',
    body: report({ safeContact: { method: 'phone', codeWord: CANARY } as never }),
  },
  { name: 'a body that is not JSON', status: 400, field: '(body)', rawBody: `{"narrative": "${CANARY}"` },
  { name: 'a JSON array', status: 400, field: '(body)', body: [CANARY] },
  {
    name: 'a form-encoded body',
    status: 415,
    field: 'content-type',
    rawBody: `narrative=${CANARY}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  {
    name: 'no content type',
    status: 415,
    field: 'content-type',
    rawBody: JSON.stringify(report({ narrative: CANARY })),
    headers: { 'content-type': '' },
  },
  {
    name: 'a body over 64 KB',
    status: 413,
    field: '(body)',
    body: report({ narrative: CANARY, person: { address: 'x'.repeat(70_000) } }),
  },
  {
    name: 'a malformed Idempotency-Key',
    status: 400,
    field: 'Idempotency-Key',
    body: report({ narrative: CANARY }),
    headers: { 'idempotency-key': `${CANARY} <script>` },
  },
  { name: 'no body', status: 400, field: '(body)' },
];

describe('item 6: bad input to POST /api/reports', () => {
  it.each(rows)('refuses $name with $status naming $field, never echoing the value', async (row) => {
    const before = await h.cases.listCasesForFigures({ from: new Date('2026-01-01'), to: new Date('2027-01-01') });
    const res = await call(
      handler,
      apiEvent('POST', '/api/reports', {
        ...(row.body !== undefined ? { body: row.body } : {}),
        ...(row.rawBody !== undefined ? { rawBody: row.rawBody } : {}),
        headers: row.headers ?? {},
      }),
    );
    expect(res.status).toBe(row.status);
    expect(typeof res.body.error).toBe('string');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(row.field);
    for (const f of res.body.fields) expect(f.problem.length).toBeGreaterThan(3);
    expect(res.raw).not.toContain(CANARY);
    expect(res.raw).not.toContain('script');
    expect(JSON.stringify(res.headers)).not.toContain(CANARY);
    // Nothing half-written: the store holds no more cases than before.
    const after = await h.cases.listCasesForFigures({ from: new Date('2026-01-01'), to: new Date('2027-01-01') });
    expect(after.length).toBe(before.length);
    expect(h.workflow.started).toHaveLength(0);
  });
});

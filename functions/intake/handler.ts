/**
 * POST /api/reports (public, no sign-in): validate as strictly as the public form (the same checks,
 * core/report-checks.ts, and the association's areas), store once per idempotency key, start the
 * lifecycle, answer 202 { reference, advice }. Never logs or echoes what was reported.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { caseRepository } from '../adapters/case-parts.js';
import { type Deps, type DepsSource, depsFromEnvironment, resolver } from '../adapters/deps.js';
import { badRequest, fieldsFromZod, HttpError } from '../adapters/http/errors.js';
import { type ApiContext, type ApiResult, header, httpApi, json } from '../adapters/http/middleware.js';
import { fieldCrypto, runtime } from '../adapters/lambda-parts.js';
import { submitReport } from '../adapters/report-intake.js';
import { reportSchema } from '../core/report.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The key a retry must repeat: the caller's Idempotency-Key, bound to the report so one key cannot
 * fetch another report's reference; without a header, the report alone. Keyed-hashed, never stored clear.
 */
function intakeKey(hmac: (t: string) => string, headerKey: string | undefined, canonicalReport: string): string {
  return hmac(`intake|${headerKey ?? ''}|${canonicalReport}`);
}

/** Builds the intake handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  return httpApi(
    resolver(source),
    async (event: APIGatewayProxyEventV2, context: ApiContext, d: Deps): Promise<ApiResult> => {
      const method = event.requestContext?.http?.method ?? 'POST';
      if (method !== 'POST')
        throw new HttpError(405, 'method not allowed', [{ field: 'method', problem: 'must be POST' }]);
      const given = header(event, 'idempotency-key');
      if (given !== undefined && !IDEMPOTENCY_KEY.test(given))
        throw badRequest([{ field: 'Idempotency-Key', problem: 'must be 8 to 128 letters, digits or . _ : -' }]);
      if (context.body === undefined)
        throw badRequest([{ field: '(body)', problem: 'is required: send the report as JSON' }]);
      const parsed = reportSchema.safeParse(context.body);
      if (!parsed.success) throw badRequest(fieldsFromZod(parsed.error), 'invalid report');
      // Not for this association, an area it does not have, or impossible dates: refused by submitReport (400).
      // Without a key, an identical report is the same one only within the duplicate window, and never onto a closed case.
      const key = intakeKey(d.hmac, given, JSON.stringify(parsed.data));
      const result = await submitReport(d, parsed.data, key, d.now(), { keyless: given === undefined });
      return json(202, { reference: result.reference, advice: result.advice }, context.correlationId);
    },
  );
}

/** The Lambda entry point: deps built once per container from the environment. */
export const handler = createHandler(() =>
  depsFromEnvironment('haven-intake', { cases: caseRepository, fieldCrypto, runtime }),
);

/**
 * GET /api/figures?from&to[&area][&format=csv]: the measures the association reports (001 §7, 000)
 * for managers, the safeguarding lead and the board. Aggregate counts out, nothing that identifies a
 * case; read from clear index projections only (figures/read.ts), so this function decrypts nothing.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { figuresReads } from '../adapters/case-reads.js';
import { type Deps, type DepsSource, depsFromEnvironment, resolver } from '../adapters/deps.js';
import { type ApiContext, type ApiResult, httpApi, json } from '../adapters/http/middleware.js';
import { figuresAnswer, figuresCsv } from '../core/figures-unavailable.js';
import { FIGURES_ROLES } from '../core/roles.js';
import { parseFiguresQuery } from './query.js';
import { readFigures } from './read.js';

async function figures(event: APIGatewayProxyEventV2, context: ApiContext, d: Deps): Promise<ApiResult> {
  const now = d.now();
  const q = parseFiguresQuery(event.queryStringParameters ?? {}, now, d.config.areas);
  const { figures: result, factsKept } = await readFigures(d.cases, d.config, q, now);
  if (q.format !== 'csv') return json(200, figuresAnswer(result, factsKept, q.area), context.correlationId);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="figures-${q.from}-to-${q.to}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-correlation-id': context.correlationId,
    },
    body: figuresCsv(result, factsKept),
  };
}

/** Builds the figures handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  return httpApi(resolver(source), figures, { roles: FIGURES_ROLES });
}

/** The Lambda entry point: deps built once per container from the environment. */
export const handler = createHandler(() => depsFromEnvironment('haven-figures', { cases: figuresReads }));

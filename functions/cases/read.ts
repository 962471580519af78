/**
 * Reading one case: the redacted view (GET /api/cases/{id}, recorded as `case-viewed`) and the full
 * one the officer chose to show (POST /api/cases/{id}/reveal, `details-revealed` recorded first).
 * The clear summary is read first, so an unseen case is refused before any audited, decrypted read.
 */

import type { Deps } from '../adapters/deps.js';
import type { Identity } from '../adapters/http/identity.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import type { CaseSummary } from '../adapters/store/index.js';
import { Refusal } from '../core/problems.js';
import { actingRole, maySee } from '../core/rules/case-access.js';
import { callerOf, pathParam } from './route-input.js';
import { caseView } from './view.js';

const CASE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The case's clear summary when the caller may see it; not found otherwise (never "forbidden": that would confirm it exists). */
export async function visibleSummary(d: Deps, caseId: string, who: Identity): Promise<CaseSummary> {
  if (!CASE_ID.test(caseId)) throw new Refusal('not-found', 'case not found');
  const summary = await d.cases.getSummary(caseId);
  if (!summary || !maySee(who, summary)) throw new Refusal('not-found', 'case not found');
  return summary;
}

/** GET /api/cases/{id}: the case without names or contact details, the read recorded (`case-viewed`). */
export async function getCase({ context, params, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const who = callerOf(context);
  const caseId = pathParam(params, 'id');
  await visibleSummary(d, caseId, who);
  const stored = await d.cases.getCase(caseId, { sub: who.sub, role: actingRole(who) });
  const events = await d.cases.listEvents(caseId);
  return json(200, caseView(stored, events, d.config, d.now()), context.correlationId, { etag: `"${stored.version}"` });
}

/** POST /api/cases/{id}/reveal: names, contact details and typed text, `details-revealed` recorded (who, when) before anything is read. */
export async function revealCase({ context, params, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const who = callerOf(context);
  const caseId = pathParam(params, 'id');
  await visibleSummary(d, caseId, who);
  const now = d.now();
  await d.cases.appendEvent(caseId, {
    type: 'details-revealed',
    at: now.toISOString(),
    actor: { sub: who.sub, role: actingRole(who) },
  });
  const stored = await d.cases.getCase(caseId, 'system');
  const history = d.cases.findLinkedCases(stored.linkKeys, { excludeCaseId: caseId });
  const [linked, events] = await Promise.all([history, d.cases.listEvents(caseId)]);
  d.logger.info('case details revealed', { caseId });
  return json(200, caseView({ ...stored, history: linked }, events, d.config, now, true), context.correlationId, {
    etag: `"${stored.version}"`,
  });
}

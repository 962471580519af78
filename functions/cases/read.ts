/**
 * Reading one case: the redacted view (GET /api/cases/{id}, recorded as `case-viewed`) and the full
 * one the officer chose to show (POST /api/cases/{id}/reveal, `details-revealed` recorded first).
 * The clear summary is read first, so an unseen case is refused before any audited, decrypted read.
 * Each linked case the view lists is shown as the reader may see it (core/rules/linked-cases.ts), and
 * that sight is recorded on the linked case's own timeline (`linked-case-viewed`) before anything is returned.
 * Any other case the view names by id (the case a recorded sight came from, the case that set a home
 * marker) keeps its id only for a reader who may see that case (`mayNameCase`, view.ts drops the rest).
 */

import type { Deps } from '../adapters/deps.js';
import type { Identity } from '../adapters/http/identity.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import type { CaseEvent, CaseSummary, HomeMarker, LinkedCase } from '../adapters/store/index.js';
import { Refusal } from '../core/problems.js';
import { actingRole, maySee } from '../core/rules/case-access.js';
import { type LinkedCaseView, linkedCaseView, mayNameCase } from '../core/rules/linked-cases.js';
import { callerOf, pathParam } from './route-input.js';
import { caseView } from './view.js';

const CASE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A path's case id that cannot be one is not found, before anything is read. */
export function checkCaseId(caseId: string): void {
  if (!CASE_ID.test(caseId)) throw new Refusal('not-found', 'case not found');
}

/** Not found unless the caller may see the case of `summary` (never "forbidden": that would confirm it exists). */
export function refuseUnseen(who: Identity, summary: CaseSummary | undefined): asserts summary is CaseSummary {
  if (!summary || !maySee(who, summary)) throw new Refusal('not-found', 'case not found');
}

/** The case's clear summary when the caller may see it; not found otherwise. */
export async function visibleSummary(d: Deps, caseId: string, who: Identity): Promise<CaseSummary> {
  checkCaseId(caseId);
  const summary = await d.cases.getSummary(caseId);
  refuseUnseen(who, summary);
  return summary;
}

/**
 * The linked cases of `fromCaseId` as `who` may see them, each sight recorded on the linked case's timeline
 * (who, when, from which case, and whether only that it exists was shown; no personal data) before any is returned.
 */
async function seenLinkedCases(
  d: Deps,
  fromCaseId: string,
  linked: LinkedCase[],
  who: Identity,
  at: Date,
): Promise<LinkedCaseView<LinkedCase>[]> {
  const actor = { sub: who.sub, role: actingRole(who) };
  const seen = linked.map((l) => ({ caseId: l.caseId, view: linkedCaseView(l, who, d.config) }));
  await Promise.all(
    seen.map(({ caseId, view }) =>
      d.cases.appendEvent(caseId, {
        type: 'linked-case-viewed',
        at: at.toISOString(),
        actor,
        details: { fromCaseId, restricted: view.restricted },
      }),
    ),
  );
  return seen.map((s) => s.view);
}

/**
 * Which cases the view of `caseId` may name by id for `who`: the case itself, and each other case its
 * timeline or home markers name that `who` may see (the linked cases' summaries in hand, else read).
 */
async function openableCases(
  d: Deps,
  caseId: string,
  who: Identity,
  known: LinkedCase[],
  events: CaseEvent[],
  markers: HomeMarker[],
): Promise<(id: string) => boolean> {
  const named = new Set(
    [...events.map((e) => e.details?.fromCaseId), ...markers.map((m) => m.sourceCaseId)].filter(
      (id): id is string => typeof id === 'string' && id !== caseId,
    ),
  );
  const places = new Map(known.map((l) => [l.caseId, l]));
  const open = new Set([caseId]);
  await Promise.all(
    [...named].map(async (id) => {
      const place = places.get(id) ?? (CASE_ID.test(id) ? await d.cases.getSummary(id) : undefined);
      if (mayNameCase(who, place)) open.add(id);
    }),
  );
  return (id) => open.has(id);
}

/** GET /api/cases/{id}: the case without names or contact details, the read recorded (`case-viewed`). */
export async function getCase({ context, params, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const who = callerOf(context);
  const caseId = pathParam(params, 'id');
  await visibleSummary(d, caseId, who);
  const now = d.now();
  const stored = await d.cases.getCase(caseId, { sub: who.sub, role: actingRole(who) });
  const linked = await seenLinkedCases(d, caseId, stored.history, who, now);
  const events = await d.cases.listEvents(caseId);
  const mayOpen = await openableCases(d, caseId, who, stored.history, events, stored.markers);
  return json(200, caseView(stored, linked, mayOpen, events, d.config, now), context.correlationId, {
    etag: `"${stored.version}"`,
  });
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
  const history = await d.cases.findLinkedCases(stored.linkKeys, { excludeCaseId: caseId });
  const linked = await seenLinkedCases(d, caseId, history, who, now);
  const events = await d.cases.listEvents(caseId);
  const mayOpen = await openableCases(d, caseId, who, history, events, stored.markers);
  d.logger.info('case details revealed', { caseId });
  const body = caseView({ ...stored, history }, linked, mayOpen, events, d.config, now, true);
  return json(200, body, context.correlationId, { etag: `"${stored.version}"` });
}

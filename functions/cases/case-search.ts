/**
 * The caseload's other two views, from clear summaries only (no decrypt, no Scan):
 * - GET /api/cases?reference=…: a case found by its reference (the by-reference GSI), shown only when
 *   the caller may see it (the same area rule as every read) and recorded on its timeline
 *   (`case-found-by-reference`, who and when) before it is returned; a case the caller may not see is
 *   not found, and nothing is recorded;
 * - GET /api/cases?status=closed: closed cases of the last 12 months, newest closure first, with when
 *   they closed and their outcome (the known word from the clear work-queue facts; the reason typed
 *   with it is free text: never listed).
 */

import { encodeCursor } from '../adapters/cursor.js';
import type { Deps } from '../adapters/deps.js';
import type { Identity } from '../adapters/http/identity.js';
import { mergedPage } from '../adapters/merged-pages.js';
import { type CaseSummary, isClosedCursor } from '../adapters/store/index.js';
import { NO_AREA } from '../contract/table-layout.js';
import { actingRole, maySee } from '../core/rules/case-access.js';
import { caseloadItem, listingsFor, startsOf } from './caseload-items.js';

/** The case with this reference, if the caller may see it, its finding recorded first. */
export async function findByReference(d: Deps, who: Identity, reference: string, now: Date) {
  const found = await d.cases.findCaseByReference(reference.toUpperCase());
  // The full clear summary (flags, next action) is on the case item: one read, nothing decrypted.
  const summary = found && (await d.cases.getSummary(found.caseId));
  if (!summary || !maySee(who, summary)) return { asAt: now.toISOString(), items: [] };
  await d.cases.appendEvent(summary.caseId, {
    type: 'case-found-by-reference',
    at: now.toISOString(),
    actor: { sub: who.sub, role: actingRole(who) },
  });
  return { asAt: now.toISOString(), items: [caseloadItem(summary, who, now)] };
}

/** Newest closure first; the case id breaks ties (each area's listing is in this order). */
const byClosure = (a: CaseSummary, b: CaseSummary) =>
  (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || a.caseId.localeCompare(b.caseId);

/** A closed case as listed: its clear summary, its outcome (null on a case closed before one was kept), nothing typed. */
function closedItem(s: CaseSummary) {
  const { worklist, highRiskFirst: _h, immediateDanger: _d, nextDueClock: _c, nextDueDuty: _u, ...rest } = s;
  return { ...rest, closureOutcome: worklist?.closureOutcome ?? null };
}

/** One page of closed cases the caller may see: one listing per area of theirs, merged newest closure first. */
export async function closedCases(
  d: Deps,
  who: Identity,
  q: { area?: string; officer?: string; limit?: number; cursor?: string },
  now: Date,
) {
  const asked = listingsFor(who, q);
  // Every area's own listing, merged: one quarter's index sorts by area first.
  const listings =
    asked !== 'own' && asked.length === 1 && asked[0] === undefined
      ? [...d.config.areas.map((a) => a.id), NO_AREA]
      : asked;
  const limit = q.limit ?? 50;
  let page: { items: CaseSummary[]; cursor?: string };
  const at = q.cursor ? { cursor: q.cursor } : {};
  if (listings === 'own') page = { items: [] };
  else if (listings.length === 1)
    page = await d.cases.listClosedCases({ limit, ...(listings[0] ? { area: listings[0] } : {}), ...at });
  else {
    const areas = listings as string[];
    const merged = await mergedPage(
      (area, n, from) => d.cases.closedCasesFrom({ area, limit: n }, from),
      areas,
      startsOf(q.cursor, areas, isClosedCursor),
      limit,
      byClosure,
    );
    page = { items: merged.items, ...(merged.next ? { cursor: encodeCursor(merged.next) } : {}) };
  }
  const items = page.items.filter((s) => maySee(who, s)).map(closedItem);
  return { asAt: now.toISOString(), items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

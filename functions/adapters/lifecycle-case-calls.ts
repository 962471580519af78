/**
 * The case store calls of the Triage and Close steps (functions/triage, functions/close-case, with
 * lifecycle-effects.ts): a case read whole, its events appended, its next deadline set; each made by
 * the store module that makes it, any other call refused, naming it (case-reads.ts `someCases`). Its
 * own module, apart from case-reads.ts, so the sweep's and the figures' bundles carry none of these.
 */
import { someCases } from './case-reads.js';
import type { CaseStoreOptions } from './environment.js';
import { setNextDueAt } from './store/next-due.js';
import { getCase } from './store/reads.js';
import { appendEvent } from './store/timeline.js';
/** The Triage and Close steps' case store: getCase, appendEvent and setNextDueAt, as the repository makes them. */
export const lifecycleCaseCalls = (o: CaseStoreOptions) =>
  someCases(o, (s) => ({
    getCase: (id, reader) => getCase(s, id, reader),
    appendEvent: (id, event) => appendEvent(s, id, event),
    setNextDueAt: (id, version, next) => setNextDueAt(s, id, version, next),
  }));

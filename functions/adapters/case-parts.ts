/**
 * The case store as a handler's entry gives it to environment.ts (`parts.cases`): the whole repository, or
 * for a handler that only reads a few ways, those reads alone, each made as the repository makes it, so
 * its bundle leaves the rest of the store (and the core it writes with) out; any other call refuses,
 * naming it. Its own module, apart from lambda-parts.ts: importing the store's index runs every store
 * module, so only the entries that use the whole repository import it.
 */
import { type CaseStoreOptions, refusingCases } from './environment.js';
import type { Store } from './store/access.js';
import { listCasesForFigures } from './store/figures-queries.js';
import { type CaseRepository, createCaseRepository } from './store/index.js';
import { listOpenCases } from './store/queries.js';
import { getSummary } from './store/reads.js';

/** The case repository, whole (store/index.ts): for a handler that writes cases or reads them more ways than below. */
export const caseRepository = (options: CaseStoreOptions) => createCaseRepository(options);

/** Only the repository calls `calls` gives, each made as the repository makes it; any other refuses, naming it. */
function someCases(o: CaseStoreOptions, calls: (store: Store) => Partial<CaseRepository>): CaseRepository {
  const { client, tableName: table, associationId, config, crypto } = o;
  return refusingCases(calls({ client, table, associationId, config, crypto, now: () => new Date() }));
}

/** The sweep's reads: open cases by page, and a case's clear summary. */
export const openCaseReads = (o: CaseStoreOptions) =>
  someCases(o, (s) => ({ listOpenCases: (q = {}) => listOpenCases(s, q), getSummary: (id) => getSummary(s, id) }));

/** The figures' read: the clear summaries of cases in a period. */
export const figuresReads = (o: CaseStoreOptions) =>
  someCases(o, (s) => ({ listCasesForFigures: (q) => listCasesForFigures(s, q) }));

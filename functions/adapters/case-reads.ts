/**
 * The narrow case stores an entry can give environment.ts (`parts.cases`) instead of the whole
 * repository (case-parts.ts): only the reads a handler makes, each made by the store module that makes
 * it, so its bundle leaves the rest of the store (and the core it writes with) out; any other call
 * refuses, naming it. Never imports the store's index (importing it runs every store module).
 */
import { type CaseStoreOptions, refusingCases } from './environment.js';
import type { Store } from './store/access.js';
import { listCasesForFigures } from './store/figures-queries.js';
import type { CaseRepository } from './store/index.js';
import { getCaseStatus, listOpenCaseKeys, type OpenCaseKeysQuery } from './store/open-case-keys.js';

/** Only the repository calls `calls` gives, each made as the repository makes it; any other refuses, naming it. */
export function someCases(o: CaseStoreOptions, calls: (store: Store) => Partial<CaseRepository>): CaseRepository {
  return refusingCases(calls(storeOf(o)));
}

/** The store modules' view of `o`, on the system clock. */
function storeOf(o: CaseStoreOptions): Store {
  const { client, tableName: table, associationId, config, crypto } = o;
  return { client, table, associationId, config, crypto, now: () => new Date() };
}

/**
 * The sweep's reads (open-case-keys.ts), under the names adapters/workflow-sweep.ts calls them by: every
 * open case's id and last write by page, and a case's status (no summary, none of the store's other calls).
 */
export const openCaseReads = (o: CaseStoreOptions) => {
  const s = storeOf(o);
  return {
    listOpenCases: (q: OpenCaseKeysQuery) => listOpenCaseKeys(s, q),
    getSummary: (id: string) => getCaseStatus(s, id),
  };
};

/** The figures' read: the clear summaries of cases in a period. */
export const figuresReads = (o: CaseStoreOptions) =>
  someCases(o, (s) => ({ listCasesForFigures: (q) => listCasesForFigures(s, q) }));

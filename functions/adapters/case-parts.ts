/**
 * The case store as a handler's entry gives it to environment.ts (`parts.cases`): the whole repository
 * (this module), or for a handler that only reads a few ways, those reads alone (case-reads.ts), so its
 * bundle leaves the rest of the store (and the core it writes with) out. Its own module, apart from
 * lambda-parts.ts and case-reads.ts: importing the store's index runs every store module, so only the
 * entries that use the whole repository import it.
 */
import type { CaseStoreOptions } from './environment.js';
import { createCaseRepository } from './store/index.js';

/** The case repository, whole (store/index.ts): for a handler that writes cases or reads them more ways than case-reads.ts. */
export const caseRepository = (options: CaseStoreOptions) => createCaseRepository(options);
